/** `--open`: opens a URL in the desktop's browser; failing to is not an error of the dev server. */
import { spawn } from 'node:child_process';

/** The command that opens a URL on `platform`. */
export function openCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Starts the browser and returns at once; `onError` hears when it could not be started. */
export function openBrowser(url: string, onError: (error: Error) => void): void {
  const { command, args } = openCommand(process.platform, url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', onError);
    child.unref();
  } catch (error) {
    onError(error as Error);
  }
}
