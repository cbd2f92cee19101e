import { type Duration, formatProblem, isLocale, type Locale, type Regulation, regulationToBpmn } from '@ruqsat/core';
import type { Command } from 'commander';
import {
  BUILT_IN_REGULATIONS_DIR,
  checkRegulationPaths,
  loadCatalogue,
  regulationDirsFromEnv,
} from '../../regulations/catalogue.js';
import { type CliIo, ExitCode } from '../output.js';
import { UsageError } from '../usage-error.js';

/** `ruqsat regulations list|show|check|bpmn`: the catalogue of services as the law defines them. */
export function registerRegulationCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const regulations = program
    .command('regulations')
    .description('the regulation catalogue (built-in regulations/ plus $RUQSAT_REGULATIONS directories)');
  const catalogue = () => loadCatalogue(regulationDirsFromEnv(io.env));
  /** The regulation of that id, or undefined after saying so and setting exit code 1. */
  const find = async (id: string): Promise<Regulation | undefined> => {
    const regulation = (await catalogue()).get(id);
    if (!regulation) {
      io.err(`ruqsat: no regulation "${id}" (see: ruqsat regulations list)\n`);
      setExitCode(ExitCode.failure);
    }
    return regulation;
  };

  regulations
    .command('list')
    .description('list regulation versions, or those in force on a date')
    .option('--at <date>', 'only versions in force on this date (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (options: { at?: string; json?: boolean }) => {
      if (options.at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.at)) {
        throw new UsageError(`--at must be a date YYYY-MM-DD, not "${options.at}"`);
      }
      const all = await catalogue();
      const shown = options.at === undefined ? all.list() : all.allInForce(options.at);
      if (options.json) {
        io.out(`${JSON.stringify(shown.map(summary), null, 2)}\n`);
      } else {
        const rows = shown.map((r) => [
          r.id,
          r.effectiveFrom,
          r.repealedOn ?? '—',
          r.requestKinds.map((k) => k.kind).join(','),
          r.service.name.en,
        ]);
        io.out(table(['ID', 'FROM', 'REPEALED', 'REQUESTS', 'SERVICE'], rows));
      }
      setExitCode(ExitCode.ok);
    });

  regulations
    .command('show')
    .description('show one regulation version: steps with actors, durations and sources')
    .argument('<id>', 'regulation id, <service>@<version>')
    .option('--lang <kk|ru|en>', 'language of names', 'en')
    .option('--json', 'print the whole regulation as JSON')
    .action(async (id: string, options: { lang: string; json?: boolean }) => {
      const lang = localeOption(options.lang);
      const regulation = await find(id);
      if (!regulation) return;
      io.out(options.json ? `${JSON.stringify(regulation, null, 2)}\n` : describe(regulation, lang));
      setExitCode(ExitCode.ok);
    });

  regulations
    .command('check')
    .description(
      'validate regulation files or directories, alone and with the deployed catalogue (default: the whole catalogue); exit 1 on any problem',
    )
    .argument('[paths...]', 'files or directories')
    .action(async (paths: string[]) => {
      const deployed = [BUILT_IN_REGULATIONS_DIR, ...regulationDirsFromEnv(io.env)];
      const { files, problems } =
        paths.length > 0 ? await checkRegulationPaths(paths, deployed) : await checkRegulationPaths(deployed);
      for (const problem of problems) io.err(`${formatProblem(problem)}\n`);
      io.out(
        problems.length === 0
          ? `${files} regulation file(s) valid\n`
          : `${problems.length} problem(s) in ${files} file(s)\n`,
      );
      setExitCode(problems.length === 0 ? ExitCode.ok : ExitCode.failure);
    });

  regulations
    .command('bpmn')
    .description('print the BPMN 2.0 XML of a regulation process (lanes per actor, with diagram layout)')
    .argument('<id>', 'regulation id, <service>@<version>')
    .option('--kind <requestKind>', 'request kind whose process to draw', 'issue')
    .option('--lang <kk|ru|en>', 'language of labels', 'en')
    .action(async (id: string, options: { kind: string; lang: string }) => {
      const lang = localeOption(options.lang);
      const regulation = await find(id);
      if (!regulation) return;
      const spec = regulation.requestKinds.find((k) => k.kind === options.kind);
      if (!spec) {
        throw new UsageError(
          `${id} has no request kind "${options.kind}"; it has ${regulation.requestKinds.map((k) => k.kind).join(', ')}`,
        );
      }
      io.out(regulationToBpmn(regulation, spec.kind, lang));
      setExitCode(ExitCode.ok);
    });
}

function localeOption(value: string): Locale {
  if (!isLocale(value)) throw new UsageError(`--lang must be kk, ru or en, not "${value}"`);
  return value;
}

function summary(r: Regulation) {
  return {
    id: r.id,
    service: r.service.id,
    name: r.service.name,
    effectiveFrom: r.effectiveFrom,
    repealedOn: r.repealedOn,
    requestKinds: r.requestKinds.map((k) => ({ kind: k.kind, term: formatDuration(k.term) })),
    authority: r.authority.name,
    channels: r.channels,
  };
}

function describe(r: Regulation, lang: Locale): string {
  const lines = [
    `${r.id} — ${r.service.name[lang]}`,
    `${r.legalBasis.issuer[lang]}, ${r.legalBasis.kind} No. ${r.legalBasis.number ?? '—'} of ${r.legalBasis.date ?? '—'}` +
      (r.legalBasis.mojRegistration
        ? `, MoJ reg. No. ${r.legalBasis.mojRegistration.number} of ${r.legalBasis.mojRegistration.date}`
        : ''),
    `in force ${r.effectiveFrom} – ${r.repealedOn ?? 'now'}${r.supersedes ? `; supersedes ${r.supersedes}` : ''}`,
    `authority: ${r.authority.name[lang]} (${r.authority.routing}); channels: ${r.channels.join(', ')}; applicants: ${r.applicantKinds.join(', ')}`,
    '',
  ];
  const roleName = new Map(r.roles.map((role) => [role.id, role.name[lang]]));
  for (const spec of r.requestKinds) {
    const process = r.processes.find((p) => p.id === spec.process);
    lines.push(
      `${spec.kind}: term ${formatDuration(spec.term)}${spec.term.derived ? ' (derived)' : ''}; results ${spec.results.join(', ')}`,
    );
    const rows = (process?.steps ?? []).map((s) => [
      s.id,
      roleName.get(s.actor) ?? s.actor,
      s.duration ? formatDuration(s.duration) : `within ${s.withinTermOf}`,
      s.outcomes.map((o) => ('next' in o ? `${o.id}→${o.next}` : `${o.id}⇒${o.end}`)).join(' '),
      s.duration ? `${s.duration.source.file} ${s.duration.source.ref}` : `${s.source.file} ${s.source.ref}`,
    ]);
    lines.push(table(['STEP', 'ACTOR', 'TERM', 'OUTCOMES', 'SOURCE'], rows), '');
  }
  if (r.notes.length > 0) lines.push(`${r.notes.length} note(s) on the source; see --json`);
  return `${lines.join('\n')}\n`;
}

export function formatDuration(d: Duration): string {
  const unit = d.unit.replace('_', ' ');
  return d.max === undefined ? `${d.value} ${unit}` : `${d.value}–${d.max} ${unit}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
