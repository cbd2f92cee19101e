import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from 'yaml';

/** A position in a YAML file, 1-based, for `file:line:col: message` errors. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface ParsedYaml {
  readonly value: unknown;
  readonly syntaxErrors: readonly { readonly position: Position; readonly message: string }[];
  /** Where the value at a path (keys and indexes, as in zod issue paths) is written. */
  positionOf(path: readonly PropertyKey[]): Position;
  /** Where the key of a map entry is written (for keys that should not be there). */
  keyPositionOf(mapPath: readonly PropertyKey[], key: string): Position;
}

/**
 * Parses YAML (with anchors, aliases and merge keys) and keeps the node tree, so that an error
 * found later on the plain value can still be reported at its line and column.
 */
export function parseYamlWithPositions(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const syntaxErrors = [...doc.errors, ...doc.warnings].map((e) => ({
    position: at(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  const value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 10_000 }) : undefined;

  const nodeAt = (path: readonly PropertyKey[]): Node | null | undefined => {
    let node: Node | null | undefined = doc.contents;
    for (const key of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair: Pair<unknown, unknown> | undefined = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(key),
        );
        node = pair ? ((pair.value as Node | null) ?? (pair.key as Node)) : undefined;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key] as Node | undefined;
      } else {
        return undefined;
      }
    }
    return isAlias(node) ? node.resolve(doc) : node;
  };

  return {
    value,
    syntaxErrors,
    keyPositionOf(mapPath, key) {
      const map = nodeAt(mapPath);
      const pair = isMap(map)
        ? map.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
        : undefined;
      const keyNode = pair?.key as Node | undefined;
      return at(keyNode?.range?.[0] ?? map?.range?.[0] ?? 0);
    },
    positionOf(path) {
      // The deepest existing node on the path: a missing key is reported where its map is.
      for (let depth = path.length; depth >= 0; depth--) {
        const node = nodeAt(path.slice(0, depth));
        if (node?.range) return at(node.range[0]);
      }
      return at(0);
    },
  };
}
