// The few MapLibre expressions the first paint's layers use (filters, fill and line paint), evaluated for one feature,
// so the first picture takes its colours, opacities and widths from the layer specs themselves rather than a copy.
// An operator not listed here throws: a layer changed to use it fails the picture (and its test) instead of
// drawing something else.

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface FeatureInput {
  properties: Record<string, unknown>;
  state: Record<string, unknown>;
}

/** The value of `expr` (an expression or a constant) for `feature`. */
export function paintValue(expr: unknown, feature: FeatureInput): unknown {
  if (!Array.isArray(expr)) return expr;
  const [op, ...args] = expr as [string, ...Json[]];
  const v = (e: unknown) => paintValue(e, feature);
  switch (op) {
    case 'literal': return args[0];
    case 'get': return feature.properties[String(args[0])] ?? null;
    case 'feature-state': return feature.state[String(args[0])] ?? null;
    case 'coalesce': {
      for (const a of args) {
        const x = v(a);
        if (x !== null && x !== undefined) return x;
      }
      return null;
    }
    case 'to-color': return String(v(args[0]));
    case 'boolean': {
      const x = v(args[0]);
      return typeof x === 'boolean' ? x : args.length > 1 ? v(args[1]) : false;
    }
    case '==': return v(args[0]) === v(args[1]);
    case '!=': return v(args[0]) !== v(args[1]);
    case '!': return !v(args[0]);
    case 'case': {
      for (let i = 0; i + 1 < args.length; i += 2) if (v(args[i]) === true) return v(args[i + 1]);
      return v(args[args.length - 1]);
    }
    case 'match': {
      const input = v(args[0]);
      for (let i = 1; i + 1 < args.length; i += 2) {
        const labels = Array.isArray(args[i]) ? (args[i] as Json[]) : [args[i]];
        if (labels.includes(input as Json)) return v(args[i + 1]);
      }
      return v(args[args.length - 1]);
    }
    default: throw new Error(`first picture: expression "${op}" is not supported (web/first-picture/paint-value.ts)`);
  }
}
