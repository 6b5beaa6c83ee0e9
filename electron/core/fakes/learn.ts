import { SIGNALS, type Signal, type TriageDecision, type Weights } from './terms.js';

export interface LabelledExample {
  features: Record<Signal, number>;
  decision: TriageDecision;
}

export interface Learnt {
  weights: Weights;
  /** the decisions the fit used: counterfeit (1) and genuine (0); a test buy decides nothing yet */
  used: number;
  counterfeit: number;
  genuine: number;
  skipped: number;
}

/**
 * Fits the score's weights to the investigator's decisions by logistic
 * regression, here and nowhere else: full-batch gradient descent on the log
 * loss, pulled towards the weights in force (an L2 prior) so that a handful
 * of decisions moves them, and does not throw them away. Deterministic: the
 * same decisions give the same weights.
 */
export function learnWeights(examples: readonly LabelledExample[], prior: Weights, options: { iterations?: number; rate?: number; priorStrength?: number } = {}): Learnt {
  const data = examples.filter((e) => e.decision !== 'test-buy');
  const counterfeit = data.filter((e) => e.decision === 'counterfeit').length;
  const result = { used: data.length, counterfeit, genuine: data.length - counterfeit, skipped: examples.length - data.length };
  if (data.length === 0) return { weights: structuredClone(prior), ...result };
  const iterations = options.iterations ?? 2000;
  const rate = options.rate ?? 0.5;
  const lambda = options.priorStrength ?? 0.05;
  const p0 = [prior.bias, ...SIGNALS.map((k) => prior.signals[k])];
  const w = [...p0];
  const xs = data.map((e) => [1, ...SIGNALS.map((k) => clamp01(e.features[k]))]);
  const ys = data.map((e) => (e.decision === 'counterfeit' ? 1 : 0));
  const n = data.length;
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi, j) => lambda * (wi - p0[j]!));
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j < w.length; j++) z += w[j]! * x[j]!;
      const err = 1 / (1 + Math.exp(-z)) - ys[i]!;
      for (let j = 0; j < w.length; j++) grad[j]! += (err * x[j]!) / n;
    }
    for (let j = 0; j < w.length; j++) w[j]! -= rate * grad[j]!;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { weights: { bias: round(w[0]!), signals: Object.fromEntries(SIGNALS.map((k, j) => [k, round(w[j + 1]!)])) as Record<Signal, number> }, ...result };
}

function clamp01(x: number | undefined): number {
  return typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
