// Slack's mrkdwn, enough of it: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes,
// <url|text>, <@U…>, <#C…|name>, <!subteam^S…|@handle>, <!here>, and :emoji: (known ones as
// characters, the rest as text). Input is Slack-escaped text (&amp; &lt; &gt;); output is HTML.
(function () {
  'use strict';

  const EMOJI = {
    white_check_mark: '✅',
    heavy_check_mark: '✔️',
    x: '❌',
    warning: '⚠️',
    rotating_light: '🚨',
    hourglass: '⌛',
    hourglass_flowing_sand: '⏳',
    stopwatch: '⏱️',
    alarm_clock: '⏰',
    clock3: '🕒',
    large_green_circle: '🟢',
    green_circle: '🟢',
    red_circle: '🔴',
    large_yellow_circle: '🟡',
    yellow_circle: '🟡',
    large_blue_circle: '🔵',
    white_circle: '⚪',
    black_circle: '⚫',
    lock: '🔒',
    unlock: '🔓',
    key: '🔑',
    shield: '🛡️',
    ship: '🚢',
    boat: '⛵',
    sailboat: '⛵',
    ring_buoy: '🛟',
    lifebuoy: '🛟',
    no_entry: '⛔',
    no_entry_sign: '🚫',
    fire: '🔥',
    zap: '⚡',
    arrows_counterclockwise: '🔄',
    repeat: '🔁',
    arrow_right: '➡️',
    arrow_left: '⬅️',
    leftwards_arrow_with_hook: '↩️',
    memo: '📝',
    floppy_disk: '💾',
    package: '📦',
    link: '🔗',
    globe_with_meridians: '🌐',
    earth_africa: '🌍',
    earth_americas: '🌎',
    test_tube: '🧪',
    calendar: '📅',
    chart_with_upwards_trend: '📈',
    chart_with_downwards_trend: '📉',
    eyes: '👀',
    raised_hand: '✋',
    wave: '👋',
    thumbsup: '👍',
    '+1': '👍',
    thumbsdown: '👎',
    '-1': '👎',
    hammer_and_wrench: '🛠️',
    gear: '⚙️',
    tada: '🎉',
    dart: '🎯',
    construction: '🚧',
    information_source: 'ℹ️',
    bangbang: '‼️',
    question: '❓',
    satellite: '📡',
    bell: '🔔',
    octagonal_sign: '🛑',
    skull: '💀',
    broken_heart: '💔',
    bulb: '💡',
    mag: '🔍',
    inbox_tray: '📥',
    outbox_tray: '📤',
    card_file_box: '🗃️',
    file_cabinet: '🗄️',
    cloud: '☁️',
    crossed_swords: '⚔️',
    heavy_minus_sign: '➖',
    heavy_plus_sign: '➕',
    large_orange_circle: '🟠',
    orange_circle: '🟠',
    white_large_square: '⬜',
    black_large_square: '⬛',
    busts_in_silhouette: '👥',
    bust_in_silhouette: '👤',
    robot_face: '🤖',
    traffic_light: '🚦',
    vertical_traffic_light: '🚦',
    checkered_flag: '🏁',
    pause_button: '⏸️',
    arrow_forward: '▶️',
    fast_forward: '⏩',
    rewind: '⏪',
    stop_button: '⏹️',
    twisted_rightwards_arrows: '🔀',
    arrows_clockwise: '🔃',
    hourglass_done: '⌛',
    clipboard: '📋',
    small_blue_diamond: '🔹',
    large_blue_diamond: '🔷',
    small_orange_diamond: '🔸',
    large_orange_diamond: '🔶',
    white_large_circle: '⚪',
    grey_question: '❔',
    grey_exclamation: '❕',
    heavy_exclamation_mark: '❗',
    exclamation: '❗',
  };

  const escapeHtml = (s) =>
    String(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  const decode = (s) =>
    String(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  function emoji(html) {
    return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) =>
      EMOJI[name] ? `<span class="emoji" title=":${name}:">${EMOJI[name]}</span>` : whole,
    );
  }

  // Formatting of a run of plain text (already HTML-escaped).
  function styles(html) {
    const edge = '(^|[\\s(\\[{"\'>])';
    const end = '(?=$|[\\s.,!?;:)\\]}"\'<])';
    return html
      .replace(new RegExp(`${edge}\\*([^*\\n]+?)\\*${end}`, 'g'), '$1<b>$2</b>')
      .replace(new RegExp(`${edge}_([^_\\n]+?)_${end}`, 'g'), '$1<i>$2</i>')
      .replace(new RegExp(`${edge}~([^~\\n]+?)~${end}`, 'g'), '$1<s>$2</s>');
  }

  function link(inner, ctx) {
    const [target, label] = splitOnce(inner, '|');
    if (target.startsWith('@')) {
      const user = ctx.user(target.slice(1));
      return `<span class="mention">@${escapeHtml(label || (user ? user.realName : target.slice(1)))}</span>`;
    }
    if (target.startsWith('#')) {
      const channel = ctx.channel(target.slice(1));
      return `<span class="mention">#${escapeHtml(label || (channel ? channel.name : target.slice(1)))}</span>`;
    }
    if (target.startsWith('!subteam^')) {
      const group = ctx.group(target.slice(9));
      return `<span class="mention">${escapeHtml(label || (group ? `@${group.handle}` : '@group'))}</span>`;
    }
    if (target.startsWith('!date^')) return escapeHtml(slackDate(target, label));
    if (target.startsWith('!')) {
      const word = target.slice(1).split('^')[0];
      return `<span class="mention">@${escapeHtml(label || word)}</span>`;
    }
    const url = decode(target);
    const safe = /^(https?:|mailto:|\/)/i.test(url) ? url : '#';
    return `<a href="${escapeHtml(safe)}" target="_blank" rel="noopener">${escapeHtml(decode(label || target))}</a>`;
  }

  // <!date^EPOCH^{date_short_pretty} {time}^optional_link|fallback>, in the reader's time zone.
  function slackDate(target, fallback) {
    const [, epoch, format] = target.split('^');
    const date = new Date(Number(epoch) * 1000);
    if (!format || Number.isNaN(date.getTime())) return fallback;
    const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const today = day(new Date());
    const pretty = (fallbackText) =>
      day(date) === today
        ? 'today'
        : day(date) === today - 86_400_000
          ? 'yesterday'
          : day(date) === today + 86_400_000
            ? 'tomorrow'
            : fallbackText;
    const short = date.toLocaleDateString([], { month: 'short', day: 'numeric', year: 'numeric' });
    const long = date.toLocaleDateString([], {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
    const plainDate = date.toLocaleDateString([], {
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
    const seconds = Math.round((Date.now() - date.getTime()) / 1000);
    const ago =
      Math.abs(seconds) < 60
        ? 'just now'
        : Math.abs(seconds) < 3600
          ? `${Math.round(Math.abs(seconds) / 60)} minutes ${seconds > 0 ? 'ago' : 'from now'}`
          : `${Math.round(Math.abs(seconds) / 3600)} hours ${seconds > 0 ? 'ago' : 'from now'}`;
    const tokens = {
      date_num: date.toISOString().slice(0, 10),
      date: plainDate,
      date_short: short,
      date_long: long,
      date_pretty: pretty(plainDate),
      date_short_pretty: pretty(short),
      date_long_pretty: pretty(long),
      time: date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }),
      time_secs: date.toLocaleTimeString([], {
        hour: 'numeric',
        minute: '2-digit',
        second: '2-digit',
      }),
      ago,
    };
    return format.replace(/\{([a-z_]+)\}/g, (whole, name) => tokens[name] ?? whole);
  }

  function splitOnce(s, sep) {
    const i = s.indexOf(sep);
    return i === -1 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
  }

  // One line without code fences. Links and code spans are held aside while the styles apply, so
  // that *<@U0ALICE>* is bold and `*not bold*` is code.
  function inline(text, ctx) {
    const held = [];
    const hold = (html) => `\u0001${held.push(html) - 1}\u0002`;
    const marked = text.replace(/<([^<>\n]+)>|`([^`\n]+)`/g, (whole, target, code) =>
      target !== undefined
        ? hold(link(target, ctx))
        : hold(`<code>${escapeHtml(decode(code))}</code>`),
    );
    return styles(emoji(escapeHtml(decode(marked)))).replace(
      /\u0001(\d+)\u0002/g,
      (_, i) => held[Number(i)],
    );
  }

  function lines(text, ctx) {
    const rows = text.split('\n');
    let out = '';
    let quote = [];
    const flush = () => {
      if (quote.length) out += `<blockquote>${quote.join('<br>')}</blockquote>`;
      quote = [];
    };
    rows.forEach((row, i) => {
      const q = /^(?:&gt;|>)\s?(.*)$/.exec(row);
      if (q) {
        quote.push(inline(q[1], ctx));
        return;
      }
      flush();
      out += inline(row, ctx) + (i < rows.length - 1 ? '<br>' : '');
    });
    flush();
    return out;
  }

  const noContext = { user: () => undefined, channel: () => undefined, group: () => undefined };

  function mrkdwn(text, ctx) {
    const c = ctx || noContext;
    return String(text ?? '')
      .split('```')
      .map((part, i) =>
        i % 2 === 1 ? `<pre>${escapeHtml(decode(part.replace(/^\n/, '')))}</pre>` : lines(part, c),
      )
      .join('');
  }

  function plain(text, withEmoji) {
    const html = escapeHtml(text ?? '');
    return withEmoji === false ? html : emoji(html);
  }

  window.Mrkdwn = { mrkdwn, plain, escapeHtml };
})();
