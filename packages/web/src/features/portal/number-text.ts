/** A number as people write it by hand: a decimal point or comma, and "1." on the way to "1.5". */
const NUMBER_AS_TYPED = /^-?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * The value a number field's text stands for: nothing when empty, the number it reads as, or else
 * the text itself — saved as typed, so that the server names the fault beside the field.
 */
export function numberOf(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return NUMBER_AS_TYPED.test(trimmed) ? Number(trimmed.replace(',', '.')) : text;
}
