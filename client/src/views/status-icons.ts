/** Status icons shared by the trees: VS Code's own testing colours, so DataPact reads like the Test Explorer. */
import { ThemeColor, ThemeIcon } from 'vscode';
import type { TaskStatus } from '../../../core/src/index';
import type { RunState } from '../../../core/src/index';

export function statusIcon(status: TaskStatus | 'PASS' | 'FAIL' | null | undefined, state?: RunState | 'QUEUED' | 'RUNNING' | 'DONE'): ThemeIcon {
  if (state === 'RUNNING' || state === 'PENDING') return new ThemeIcon('loading~spin');
  if (state === 'QUEUED') return new ThemeIcon('clock');
  if (state === 'CANCELLED') return new ThemeIcon('circle-slash', new ThemeColor('testing.iconSkipped'));
  switch (status) {
    case 'SUCCESS':
    case 'PASS':
      return new ThemeIcon('pass', new ThemeColor('testing.iconPassed'));
    case 'FAILURE':
    case 'FAIL':
      return new ThemeIcon('error', new ThemeColor('testing.iconFailed'));
    case 'ERROR':
    case null:
      return new ThemeIcon('warning', new ThemeColor('testing.iconErrored'));
    default:
      return new ThemeIcon('circle-outline');
  }
}
