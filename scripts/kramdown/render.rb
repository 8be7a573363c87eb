# Renders Markdown with kramdown exactly as Jekyll 4 configures it (its default `kramdown:` options),
# the oracle for inkstone's kramdown profile. Syntax highlighting is off (code blocks are compared by
# language and text) and math is left as TeX for MathJax, kramdown's default engine.
#
#   ruby scripts/kramdown/render.rb FILE.md...        prints each file's HTML, separated by NUL bytes
#   ruby scripts/kramdown/render.rb --write DIR        renders DIR/cases/*.md into DIR/expected/*.html
require 'kramdown'
require 'kramdown-parser-gfm'

OPTIONS = {
  input: 'GFM',
  hard_wrap: false,
  auto_ids: true,
  footnote_nr: 1,
  entity_output: :as_char,
  toc_levels: (1..6).to_a,
  smart_quotes: %w[lsquo rsquo ldquo rdquo],
  guess_lang: true,
  show_warnings: false,
  syntax_highlighter: nil,
  math_engine: 'mathjax',
}.freeze

def render(text)
  Kramdown::Document.new(text, OPTIONS).to_html
end

if ARGV[0] == '--write'
  dir = ARGV[1] or abort('usage: render.rb --write DIR')
  Dir.glob(File.join(dir, 'cases', '*.md')).sort.each do |path|
    out = File.join(dir, 'expected', File.basename(path, '.md') + '.html')
    File.write(out, render(File.read(path, encoding: 'UTF-8')))
  end
else
  print ARGV.map { |path| render(File.read(path, encoding: 'UTF-8')) }.join("\0")
end
