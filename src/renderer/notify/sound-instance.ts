// The page's one sound player (one AudioContext per page is the browser's advice).
import { createSoundPlayer } from './sound';

export const alertSound = createSoundPlayer(typeof AudioContext === 'undefined' ? undefined : AudioContext);
