/**
 * What sign-in answers, shared by the server (lib/auth/sign-in.ts) and the sign-in form,
 * which shows these and no other text from the server. Pure: the form runs in the browser.
 */
export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";
export const RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait a few minutes, then try again.";
/** Not an error for people: tells the sign-in form to ask for the code. */
export const SECOND_FACTOR_REQUIRED_MESSAGE = "Enter the code from your authenticator app.";
export const INVALID_CODE_MESSAGE = "That code is not right. Try the current one, or a recovery code.";
export const SIGN_IN_EXPIRED_MESSAGE = "Your sign-in took too long. Enter your email and password again.";
