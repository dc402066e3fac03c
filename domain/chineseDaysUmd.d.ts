/**
 * chinese-days' CommonJS/UMD build, imported by path: its package.json points bundlers ("module") at an ES build
 * inside a "type": "commonjs" package, which the Temporal workflow bundler (webpack) refuses to parse.
 * The UMD build exports the same API as the package root.
 */
declare module 'chinese-days/dist/index.min.js' {
  export * from 'chinese-days';
}
