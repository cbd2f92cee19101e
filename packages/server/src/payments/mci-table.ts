import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatProblem, MciTable, parseYamlAs } from '@ruqsat/core';

/** The MCI values shipped with Ruqsat: fees/kz/mci.yaml at the root of the repository. */
export const BUILT_IN_MCI_FILE = fileURLToPath(new URL('../../../../fees/kz/mci.yaml', import.meta.url));

export async function loadMciTable(file = BUILT_IN_MCI_FILE): Promise<MciTable> {
  const parsed = parseYamlAs(MciTable, await readFile(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`invalid MCI table:\n${parsed.problems.map(formatProblem).join('\n')}`);
  return parsed.value;
}
