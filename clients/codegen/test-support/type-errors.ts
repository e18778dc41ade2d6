// Test support for the SDKs' type-level tests: compiles a fixture with the client's own
// tsconfig, as is or with its `@ts-expect-error` directives neutralised, and returns the errors.
import path from 'node:path';
import ts from 'typescript';

export interface TypeDiagnostic {
  line: number;
  code: number;
  message: string;
}

const DIRECTIVE = /\/\/\s*@ts-expect-error.*$/;

/** The 1-based lines that follow a `// @ts-expect-error` directive in the text. */
export function expectedErrorLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (DIRECTIVE.test(line) ? [i + 2] : []));
}

/**
 * Type errors of `fixture`, compiled with `tsconfig` (noEmit). With `withoutDirectives`, each
 * `// @ts-expect-error` comment becomes a plain `//`, so every misuse it covered must surface.
 */
export function typeErrors(
  fixture: string,
  tsconfig: string,
  options: { withoutDirectives?: boolean } = {},
): TypeDiagnostic[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const compilerOptions: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    rootDir: path.dirname(path.resolve(tsconfig)),
  };
  const host = ts.createCompilerHost(compilerOptions);
  const target = path.resolve(fixture);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    if (text !== undefined && options.withoutDirectives && path.resolve(file) === target) {
      return text
        .split('\n')
        .map((line) => line.replace(DIRECTIVE, '//'))
        .join('\n');
    }
    return text;
  };
  const program = ts.createProgram([target], compilerOptions, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      code: d.code,
      message: `${d.file ? path.relative(process.cwd(), d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    }));
}
