import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLAYGROUND_GUARD } from './playground-guard';

/** Polls a URL until it answers or `gaveUp()` says the process died. */
async function waitForHttp(url: string, gaveUp: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (gaveUp()) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

/** The Playground's own log says why it stopped (for example an invalid config file). */
function readLogTail(file: string): string {
  try {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    return lines.filter((l) => /^error /.test(l)).join('\n');
  } catch {
    return '';
  }
}

export interface PlaygroundHandle {
  url: string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** Where the bot listens, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  port?: number;
  /** Folder holding the config file (the mock tenant and users). */
  configDir: string;
  /** The config file in configDir; `.m365agentsplayground.yml` (the Demo User) by default. */
  configFile?: string;
  /** Extra environment for the Playground, e.g. TZ, which becomes the time zone it reports. */
  env?: Record<string, string>;
  /** Called with each line the Playground prints (for troubleshooting). */
  onLine?: (line: string) => void;
}

/**
 * Starts the Microsoft 365 Agents Playground on the msteams channel with no browser and no
 * telemetry. It falls back to another port when the requested one is taken, so the URL is read
 * from what it prints.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundHandle> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const port = options.port ?? 56150;
  const configFile = options.configFile ?? '.m365agentsplayground.yml';
  // Each config gets its own log, so two Playgrounds in one folder do not write over each other.
  const logFile = path.join(
    options.configDir,
    'devTools',
    configFile === '.m365agentsplayground.yml'
      ? 'playground.log'
      : `playground-${configFile.replace(/^\.m365agentsplayground\.?|\.yml$/g, '') || 'extra'}.log`,
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      PLAYGROUND_GUARD,
      cli,
      'start',
      '--port',
      String(port),
      '--app-endpoint',
      options.botEndpoint,
      '--channel-id',
      'msteams',
      '--disable-telemetry',
    ],
    {
      cwd: options.configDir,
      env: {
        ...process.env,
        ...options.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(options.configDir, configFile),
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      // The IPC channel is the guard's lifeline: it closes when this process goes, however.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  // The channel itself must not keep this process alive.
  child.channel?.unref();
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The Agents Playground did not start within 60 s.')),
      60_000,
    );
    let output = '';
    let announced = false;
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split(/\r?\n/)) if (line.trim()) options.onLine?.(line);
      const match = /Listening on (\d+)/i.exec(output);
      if (match && !announced) {
        announced = true;
        // It prints this before it reads its config file, so wait until the port really answers.
        void waitForHttp(`http://127.0.0.1:${match[1]}/`, () => child.exitCode !== null).then(
          (ok) => {
            if (!ok) return;
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${match[1]}`);
          },
        );
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const log = readLogTail(logFile);
      reject(
        new Error(
          `The Agents Playground exited (code ${code}) before it was ready.\n${log || output.slice(-800)}`,
        ),
      );
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}
