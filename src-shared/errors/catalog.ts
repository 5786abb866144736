/**
 * One entry of the error catalogue: the text shown to a person for an error code, in both UI
 * languages. `{name}` placeholders are filled from the error's details.
 */
export interface ErrorText {
  readonly en: string;
  readonly zh: string;
}

export type ErrorTable = Readonly<Record<string, ErrorText>>;
