/**
 * Formulas as readable text, where HTML cannot show them (a `<title>`, a feed title, JSON-LD, a
 * table of contents written as text): Greek letters and common symbols as their characters, other
 * commands dropped with their arguments kept, so `\boldsymbol{\Sigma}_\theta` reads `Σθ`.
 */
const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ',
  varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ',
  Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  infty: '∞', partial: '∂', nabla: '∇', sum: '∑', prod: '∏', int: '∫', sqrt: '√', pm: '±', mp: '∓', times: '×', cdot: '·',
  div: '÷', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', sim: '∼', equiv: '≡', propto: '∝',
  in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩', forall: '∀', exists: '∃', emptyset: '∅',
  to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', mapsto: '↦', ell: 'ℓ', ldots: '…', cdots: '⋯', dots: '…',
  langle: '⟨', rangle: '⟩', lVert: '‖', rVert: '‖', Vert: '‖', mid: '|', top: '⊤', perp: '⊥', circ: '∘', star: '⋆',
};

/** Operators written as words in print. */
const WORDS = new Set(['max', 'min', 'log', 'ln', 'exp', 'sin', 'cos', 'tan', 'lim', 'sup', 'inf', 'det', 'arg', 'deg', 'dim', 'gcd', 'Pr', 'argmax', 'argmin']);

/** Readable text of TeX `tex`. */
export function texToText(tex: string): string {
  return tex
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])/g, '')
    .replace(/\\([A-Za-z]+)\s*/g, (_whole, name: string) => SYMBOLS[name] ?? (WORDS.has(name) ? ` ${name} ` : name === 'quad' || name === 'qquad' ? ' ' : ''))
    .replace(/\\([,;:! ])/g, ' ')
    .replace(/\\([{}$%&#_])/g, '$1')
    .replace(/[{}^_]/g, '')
    .replace(/~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
