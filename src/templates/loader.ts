/** The layout loader: Nunjucks's file system loader, handing out templates compiled by compiler.ts. */
import nunjucks from 'nunjucks';
import { compileTemplate, type CompileOptions } from './compiler.js';

/** Finds templates along `searchPaths` (first match wins) and compiles each once per environment. */
export class LayoutLoader extends nunjucks.FileSystemLoader {
  private readonly compileOptions: CompileOptions;

  constructor(searchPaths: readonly string[], options: CompileOptions) {
    super([...searchPaths], { noCache: false });
    this.compileOptions = options;
  }

  /** The file's compiled code, in the shape of Nunjucks's precompiled templates; null when not found. */
  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name) as nunjucks.LoaderSource | null;
    if (!source) return source as unknown as nunjucks.LoaderSource;
    const code = compileTemplate(source.src, source.path, this.compileOptions);
    return { ...source, src: { type: 'code', obj: code } } as unknown as nunjucks.LoaderSource;
  }
}
