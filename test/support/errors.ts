/** Captures the InputError a call throws, for asserting on its issues. */
import { InputError, type InputIssue } from '../../src/index.js';
import { formatIssue } from '../../src/render.js';

/** Runs `call`, expecting an InputError; returns its issues and their messages. */
export function inputIssues(call: () => unknown): { issues: readonly InputIssue[]; messages: string[] } {
  try {
    call();
  } catch (error) {
    if (error instanceof InputError) return { issues: error.issues, messages: error.issues.map(formatIssue) };
    throw error;
  }
  throw new Error('expected an InputError, but the call succeeded');
}
