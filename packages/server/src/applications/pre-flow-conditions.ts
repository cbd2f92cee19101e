import {
  type Channel,
  type PreFlow,
  type PreFlowCondition,
  type PreFlowNode,
  type Regulation,
  RuqsatError,
} from '@ruqsat/core';

/** What a condition of a channel's pre-flow found: passed, or failed with why. */
export type ConditionOutcome = { readonly passed: true } | { readonly passed: false; readonly why: string };

/**
 * Walks the regulation's pre-flow of a channel from its start, evaluating each condition in the
 * order the regulation draws them (on the portal: authorisation, payment fact, signature validity;
 * at a service centre: the database lookup or the document check). The first that fails leads to
 * its refusal node, whose message — the regulation's own words — is the answer (PORTAL_REFUSED on
 * the portal, INTAKE_REFUSED elsewhere); reaching the submit node means the request may be registered.
 */
export async function runPreFlowConditions(
  regulation: Regulation,
  channel: Channel,
  evaluate: (check: PreFlowCondition) => Promise<ConditionOutcome>,
): Promise<void> {
  const flow = regulation.preFlows.find((p) => p.channel === channel);
  if (!flow) throw new RuqsatError('CHANNEL_NOT_OFFERED', { channel, channels: regulation.channels });
  const refused = channel === 'portal' ? 'PORTAL_REFUSED' : 'INTAKE_REFUSED';
  let node = nodeOf(flow, flow.start);
  for (let steps = 0; steps < flow.nodes.length + 1; steps++) {
    switch (node.kind) {
      case 'process':
        node = nodeOf(flow, node.next);
        break;
      case 'condition': {
        const outcome = await evaluate(node.check);
        if (!outcome.passed) {
          const refusal = nodeOf(flow, node.onFail);
          if (refusal.kind !== 'refusal') throw new Error(`${regulation.id}: ${node.id} fails into a ${refusal.kind}`);
          throw new RuqsatError(
            refused,
            { condition: node.check, node: node.id, why: outcome.why },
            { message: refusal.message },
          );
        }
        node = nodeOf(flow, node.onPass);
        break;
      }
      case 'refusal':
        throw new RuqsatError(refused, { node: node.id }, { message: node.message });
      case 'submit':
        return;
    }
  }
  throw new Error(`${regulation.id}: the ${channel} pre-flow does not reach its submit node`);
}

function nodeOf(flow: PreFlow, id: string): PreFlowNode {
  const node = flow.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`pre-flow node ${id} is missing`);
  return node;
}
