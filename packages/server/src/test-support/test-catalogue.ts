import { RegulationCatalogue } from '@ruqsat/core';

/** A catalogue with no regulations, for tests of parts of the API that do not read it. */
export function emptyCatalogue(): RegulationCatalogue {
  const built = RegulationCatalogue.build([]);
  if (!built.ok) throw new Error('an empty catalogue cannot be invalid');
  return built.catalogue;
}
