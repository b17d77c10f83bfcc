import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Config } from '../src/config/config';

export const SANDBOX_CONFIG = join(__dirname, '../config/sandbox.yaml');

export function sandboxConfigForBench(): Config {
  const result = parseConfig(readFileSync(SANDBOX_CONFIG, 'utf8'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}
