/** "50%_off\" → "50\%\_off\\": matched literally by LIKE … ESCAPE '\'. */
export function escapeLikePattern(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
