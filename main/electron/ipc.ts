// The single IPC door between the renderer and the core. One invoke channel carries every call named in
// shared/api.ts to the dispatcher (which validates the request); one event channel pushes core events to
// our window. A call from any other frame or web contents is refused, not dispatched.
import {
  dialog,
  ipcMain,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
} from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Result } from '../../shared/api';
import type { Dispatcher, Platform } from '../api/dispatch';
import { isTrustedSender } from './security';

/** Native folder picker for dialog.chooseFolder, parented to the window so it is modal to it. */
export function electronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    mode: 'electron',
    chooseFolder: async (title: string) => {
      const win = getWindow();
      const options: OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

function refused(message: string): Result<never> {
  return { ok: false, error: { code: 'refused', message } };
}

/**
 * Connects the dispatcher to the window. Returns a function that removes the handler and the event
 * subscription (used when the window closes).
 */
export function wireIpc(win: BrowserWindow, dispatcher: Dispatcher): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    event.sender === win.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === win.webContents.mainFrame &&
    isTrustedSender(event.senderFrame.url);

  ipcMain.handle(
    IPC_CALL_CHANNEL,
    async (event, name: unknown, payload: unknown): Promise<Result<unknown>> => {
      if (!trusted(event))
        return refused('This call did not come from the Evidence Desk window and was refused.');
      if (typeof name !== 'string')
        return { ok: false, error: { code: 'unknown-call', message: 'Call name missing' } };
      return dispatcher.dispatch(name, payload);
    },
  );

  const unsubscribe = dispatcher.subscribe((eventName, payload) => {
    if (!win.isDestroyed() && !win.webContents.isDestroyed())
      win.webContents.send(IPC_EVENT_CHANNEL, eventName, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
