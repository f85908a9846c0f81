// The board file's id type (zod): pages, panels, brands and sources are named with it.
import { z } from 'zod';

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'an id is letters, digits, "-" or "_" and starts with a letter or digit');
