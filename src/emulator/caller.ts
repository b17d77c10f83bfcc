/** The principal the emulator names in AccessDenied messages, as IAM does. */
export const CALLER = 'arn:aws:sts::111122223333:assumed-role/lifeboat-worker/session' as const;
