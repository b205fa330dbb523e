/**
 * How an editor recognises that a run or a workspace call could not sign in, without naming an engine: every
 * engine's sign-in failure says `cannot sign in to <where>: <why>` (Databricks: `signInError` in
 * engines/databricks/databricks-auth.ts). The message may reach the editor as text only (a run started in its own
 * process reports it on stderr), so the words are the contract; a unit test holds signInError to it.
 */
export const SIGN_IN_FAILURE_WORDS = 'cannot sign in to ';

export function isSignInFailureMessage(message: string): boolean {
  return message.includes(SIGN_IN_FAILURE_WORDS);
}
