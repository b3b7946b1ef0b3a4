// "How is this computed?": the exact formulas behind a panel, one click away for whoever wants them,
// each under its plain-words meaning and with its versioned id.
import type { ReactNode } from 'react';
import { plainWords } from '@/lib/formula-words';
import './formula.css';

export type Formula = { formula: string; formula_text?: string | null };

type FormulaDetailsProps = {
  formulas: readonly Formula[];
  /** Anything else worth saying about how the panel's numbers are made (a source, say). */
  children?: ReactNode;
};

export function FormulaDetails({ formulas, children }: FormulaDetailsProps) {
  const unique = formulas.filter(
    (candidate, index) => formulas.findIndex((other) => other.formula === candidate.formula) === index,
  );
  if (unique.length === 0 && !children) return null;
  return (
    <details className="formula-details small mt-3">
      <summary>How is this computed?</summary>
      <ul className="list-unstyled mb-0 mt-2">
        {unique.map(({ formula, formula_text: text }) => (
          <li key={formula} className="mb-2">
            <div>{plainWords(formula, text ?? '')}</div>
            {text && <div className="formula-text">{text}</div>}
            <div className="text-body-secondary">Formula {formula}</div>
          </li>
        ))}
      </ul>
      {children}
    </details>
  );
}
