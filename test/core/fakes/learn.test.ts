import { describe, expect, it } from 'vitest';
import { learnWeights, type LabelledExample } from '../../../electron/core/fakes/learn.js';
import { DEFAULT_WEIGHTS, SIGNALS, type Signal } from '../../../electron/core/fakes/terms.js';

const f = (on: Partial<Record<Signal, number>>) => Object.fromEntries(SIGNALS.map((s) => [s, on[s] ?? 0])) as Record<Signal, number>;

describe('learning the weights by logistic regression', () => {
  it('raises the weight of a signal the counterfeits show and lowers one the genuine listings show', () => {
    const examples: LabelledExample[] = [];
    // Replica words only on counterfeits; a low price on genuine clearance offers as often as on fakes.
    for (let i = 0; i < 10; i++) examples.push({ decision: 'counterfeit', features: f({ 'replica-words': 1, 'price-low': i % 2 }) });
    for (let i = 0; i < 10; i++) examples.push({ decision: 'genuine', features: f({ 'price-low': 1 }) });
    const learnt = learnWeights(examples, DEFAULT_WEIGHTS);
    expect(learnt.weights.signals['replica-words']).toBeGreaterThan(DEFAULT_WEIGHTS.signals['replica-words']);
    expect(learnt.weights.signals['price-low']).toBeLessThan(DEFAULT_WEIGHTS.signals['price-low']);
    // signals no decision showed stay where they were
    expect(learnt.weights.signals['official-image']).toBeCloseTo(DEFAULT_WEIGHTS.signals['official-image'], 6);
    expect(learnt).toMatchObject({ used: 20, counterfeit: 10, genuine: 10, skipped: 0 });
  });

  it('leaves test buys out, and gives the same weights for the same decisions', () => {
    const examples: LabelledExample[] = [
      { decision: 'counterfeit', features: f({ 'official-image': 1 }) },
      { decision: 'genuine', features: f({}) },
      { decision: 'test-buy', features: f({ 'official-image': 1 }) },
    ];
    const a = learnWeights(examples, DEFAULT_WEIGHTS);
    expect(a).toMatchObject({ used: 2, skipped: 1 });
    expect(learnWeights(examples, DEFAULT_WEIGHTS)).toEqual(a);
    expect(learnWeights([], DEFAULT_WEIGHTS).weights).toEqual(DEFAULT_WEIGHTS);
  });
});
