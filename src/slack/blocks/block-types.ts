import type { types } from '@slack/bolt';

/** Block Kit types, through Bolt (which re-exports @slack/types). */
export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type HeaderBlock = types.HeaderBlock;
export type DividerBlock = types.DividerBlock;
export type HomeView = types.HomeView;
