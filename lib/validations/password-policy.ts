/**
 * Which new passwords are refused besides short ones: the most common passwords seen in
 * public breach data (common-passwords.json: the 5,000 most frequent of 8 characters or
 * more and every one of 12 or more, lower-cased, from the password list that ships with
 * Dropbox's zxcvbn, MIT licence), compared case-insensitively. A common password with
 * digits or symbols tacked on at either end ("Password2024!") counts as common too.
 */
import commonPasswords from "./common-passwords.json";

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(commonPasswords);

const EDGE_DIGITS_AND_SYMBOLS = /^[^\p{L}]+|[^\p{L}]+$/gu;

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const core = lower.replace(EDGE_DIGITS_AND_SYMBOLS, "");
  return core.length > 0 && core !== lower && COMMON_PASSWORDS.has(core);
}
