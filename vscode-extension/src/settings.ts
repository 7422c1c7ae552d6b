// Mapping VS Code settings to what the server reads.
//
// Kept free of the `vscode` module so that it runs under node's test runner.
// The server reads the section "briefcheck" both from initializationOptions
// and by pulling workspace/configuration; both get the same cleaned object,
// so a bad value in settings.json never reaches the server.

export const AUDIENCES = ['executive', 'engineering'] as const;
export const KINDS = ['brief', 'status', 'postmortem'] as const;

export type Audience = (typeof AUDIENCES)[number];
export type Kind = (typeof KINDS)[number];

export interface ServerSettings {
  enable: boolean;
  audience: Audience;
  kind: Kind;
  debounceMs: number;
}

export const DEFAULTS: ServerSettings = {
  enable: true,
  audience: 'executive',
  kind: 'brief',
  debounceMs: 300,
};

export const MAX_DEBOUNCE_MS = 10000;

/** Reads one key of the "briefcheck" section, e.g. get("audience"). */
export type Getter = (key: string) => unknown;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function toServerSettings(get: Getter): ServerSettings {
  const enable = get('enable');
  const debounce = Number(get('debounceMs'));
  return {
    enable: typeof enable === 'boolean' ? enable : DEFAULTS.enable,
    audience: oneOf(get('audience'), AUDIENCES, DEFAULTS.audience),
    kind: oneOf(get('kind'), KINDS, DEFAULTS.kind),
    debounceMs: Number.isFinite(debounce)
      ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce)))
      : DEFAULTS.debounceMs,
  };
}

export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}

/**
 * Answers a workspace/configuration request. Items for "briefcheck" get the
 * cleaned settings, "briefcheck.<key>" the cleaned value; other sections keep
 * what VS Code answered.
 */
export function answerConfiguration(
  items: ConfigurationItem[],
  vscodeAnswer: unknown[],
  settingsFor: (scopeUri: string | undefined) => ServerSettings,
): unknown[] {
  return items.map((item, i) => {
    if (item.section === 'briefcheck') {
      return settingsFor(item.scopeUri);
    }
    if (item.section?.startsWith('briefcheck.')) {
      const key = item.section.slice('briefcheck.'.length) as keyof ServerSettings;
      const settings = settingsFor(item.scopeUri);
      if (key in settings) {
        return settings[key];
      }
    }
    return vscodeAnswer[i] ?? null;
  });
}

/** What a settings change requires of the extension. */
export type ChangeAction = 'restart' | 'notify' | 'none';

export function actionForChange(affects: (section: string) => boolean): ChangeAction {
  if (affects('briefcheck.path')) {
    return 'restart';
  }
  for (const key of ['enable', 'audience', 'kind', 'debounceMs']) {
    if (affects(`briefcheck.${key}`)) {
      return 'notify';
    }
  }
  // briefcheck.trace.server is applied by the language client itself.
  return 'none';
}
