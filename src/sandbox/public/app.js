// The channel page: a local Slack client. It reads the sandbox workspace, and acts only through
// the sandbox server, which reaches the bot the way Slack does (signed HTTP requests).
(function () {
  'use strict';
  const { mrkdwn, plain, escapeHtml } = window.Mrkdwn;
  const $ = (id) => document.getElementById(id);

  const state = {
    me: null,
    info: null,
    snapshot: null,
    view: 'channel',
    threadTs: null,
    gameDay: true,
    faultsLoaded: false,
    lastVersion: -1,
    /** Ephemeral messages the user dismissed, as Slack forgets them. */
    dismissed: new Set(),
  };

  const LIFEBUOY =
    '<svg viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="10" fill="none" stroke="#fff" stroke-width="6"/>' +
    '<circle cx="16" cy="16" r="10" fill="none" stroke="#e01e5a" stroke-width="6" stroke-dasharray="7.85 7.85"/></svg>';
  const EYE =
    '<svg viewBox="0 0 20 20" aria-hidden="true"><path d="M10 4C5 4 1.7 8.3 1 10c.7 1.7 4 6 9 6s8.3-4.3 9-6c-.7-1.7-4-6-9-6zm0 10a4 4 0 110-8 4 4 0 010 8zm0-6a2 2 0 100 4 2 2 0 000-4z" fill="currentColor"/></svg>';

  const COMMANDS = [
    ['help', 'What Lifeboat can do'],
    ['status', '[ENV] RPO, recovery points and traffic'],
    ['backup', 'ENV  back up and copy now'],
    ['failover', 'ENV [--to REGION] [--planned] --reason "TEXT"'],
    ['failback', 'ENV --reason "TEXT"'],
    ['drill', 'ENV  restore in the recovery region, then tear down'],
    ['approve', 'OP_ID'],
    ['deny', 'OP_ID [--reason "TEXT"]'],
    ['cancel', 'OP_ID'],
    ['history', '[ENV] [--limit N]'],
  ];

  // ---------- server ----------

  async function api(path, body, headers) {
    const response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Sandbox-User': state.me || '',
        ...(headers || {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let data;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = { error: text };
    }
    if (!response.ok) throw new Error(data.message || data.error || `HTTP ${response.status}`);
    return data;
  }

  function toast(message) {
    const node = $('toast');
    node.textContent = message;
    node.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => (node.hidden = true), 4000);
  }

  // ---------- people ----------

  const ctx = {
    user: (id) => everyone().find((u) => u.id === id),
    channel: (id) => state.snapshot?.channels.find((c) => c.id === id),
    group: (id) => state.snapshot?.groups.find((g) => g.id === id),
  };

  function everyone() {
    const s = state.snapshot;
    if (!s) return [];
    return [
      s.bot,
      ...s.users,
      { id: 'USLACKBOT', name: 'slackbot', realName: 'Slackbot', color: '#4a154b', isBot: true },
    ];
  }

  const initials = (user) =>
    (user?.realName || '?')
      .split(/\s+/)
      .map((w) => w[0])
      .join('')
      .slice(0, 2)
      .toUpperCase();

  function avatar(user, size) {
    const node = document.createElement('span');
    node.className = `avatar${size ? ` avatar-${size}` : ''}${user?.isBot ? ' avatar-bot' : ''}`;
    node.style.background = user?.color || '#616061';
    if (user?.id === state.snapshot?.bot.id) node.innerHTML = LIFEBUOY;
    else node.textContent = user?.id === 'USLACKBOT' ? '✱' : initials(user);
    return node;
  }

  function inPrincipals(userId, principals) {
    return (principals || []).some((p) => {
      if (p === userId) return true;
      if (!p.startsWith('@')) return false;
      const group = state.snapshot?.groups.find((g) => g.handle === p.slice(1));
      return Boolean(group?.users.includes(userId));
    });
  }

  function roleOf(userId) {
    const approval = state.info?.approval;
    if (!approval) return '';
    const roles = [];
    if (inPrincipals(userId, approval.requesters)) roles.push('requester');
    if (inPrincipals(userId, approval.approvers)) roles.push('approver');
    return roles.length ? roles.join(' · ') : 'outsider: may not request or approve';
  }

  // ---------- time ----------

  const tsDate = (ts) => new Date(Number(ts) * 1000);
  const clock = (date) => date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  const clockSeconds = (date) =>
    date.toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });

  // ---------- messages ----------

  function renderBody(message, inHome) {
    const wrap = document.createElement('div');
    wrap.className = 'message-body';
    if (message.blocks && message.blocks.length) {
      wrap.appendChild(
        window.Blocks.render(message.blocks, {
          ctx,
          onAction: (item, block, button) => clickButton(item, block, button, message, inHome),
        }),
      );
    } else {
      const text = document.createElement('div');
      text.className = 'message-text';
      text.innerHTML = mrkdwn(message.text, ctx);
      wrap.appendChild(text);
    }
    return wrap;
  }

  function messageNode(message, options) {
    const author = ctx.user(message.user) || { id: message.user, realName: message.user };
    const node = document.createElement('div');
    node.className = `message${options.compact ? ' compact' : ''}${message.visibleTo ? ' ephemeral' : ''}`;
    node.dataset.ts = message.ts;
    node.dataset.user = message.user;

    const gutter = document.createElement('div');
    gutter.className = 'gutter';
    if (options.compact) {
      const time = document.createElement('span');
      time.className = 'hover-time';
      time.textContent = clock(tsDate(message.ts)).replace(/\s?[AP]M$/i, '');
      gutter.appendChild(time);
    } else {
      gutter.appendChild(avatar(author));
    }
    node.appendChild(gutter);

    const content = document.createElement('div');
    content.className = 'content';
    if (message.visibleTo) {
      const only = document.createElement('div');
      only.className = 'only-you';
      only.innerHTML = `${EYE} Only visible to you`;
      content.appendChild(only);
    }
    if (!options.compact) {
      const head = document.createElement('div');
      head.className = 'message-head';
      head.innerHTML =
        `<span class="author">${escapeHtml(author.realName)}</span>` +
        (author.isBot ? '<span class="app-badge">APP</span>' : '') +
        `<span class="time" title="${escapeHtml(tsDate(message.ts).toString())}">${clock(tsDate(message.ts))}</span>`;
      content.appendChild(head);
    }
    content.appendChild(renderBody(message, false));
    if (message.editedTs) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(edited)';
      edited.title = `Edited at ${clockSeconds(tsDate(message.editedTs))}`;
      content.appendChild(edited);
    }
    if (options.showReplies && message.replyCount > 0) {
      const replies = document.createElement('button');
      replies.type = 'button';
      replies.className = 'thread-summary';
      const repliers = [
        ...new Set(
          state.snapshot.messages
            .filter((m) => m.threadTs === message.ts && m.ts !== message.ts)
            .map((m) => m.user),
        ),
      ].slice(0, 4);
      for (const id of repliers) replies.appendChild(avatar(ctx.user(id), 'xs'));
      const label = document.createElement('span');
      label.className = 'reply-count';
      label.textContent = `${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}`;
      replies.appendChild(label);
      const last = document.createElement('span');
      last.className = 'last-reply';
      last.textContent = message.latestReply
        ? `Last reply ${clock(tsDate(message.latestReply))}`
        : '';
      replies.appendChild(last);
      replies.addEventListener('click', () => openThread(message.ts));
      content.appendChild(replies);
    }
    if (message.visibleTo) {
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'dismiss';
      dismiss.textContent = 'Dismiss';
      dismiss.addEventListener('click', () => {
        state.dismissed.add(message.ts);
        node.remove();
      });
      content.appendChild(dismiss);
    }
    node.appendChild(content);
    return node;
  }

  function appendRun(container, list, showReplies) {
    let previous = null;
    for (const message of list) {
      const compact =
        previous &&
        previous.user === message.user &&
        !previous.visibleTo &&
        !message.visibleTo &&
        Number(message.ts) - Number(previous.ts) < 300 &&
        !(previous.replyCount > 0 && showReplies);
      container.appendChild(messageNode(message, { compact, showReplies }));
      previous = message;
    }
  }

  function renderMessages() {
    const container = $('messages');
    const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 120;
    const channel = state.info?.channel;
    const top = state.snapshot.messages.filter(
      (m) =>
        m.channel === channel && (!m.threadTs || m.threadTs === m.ts) && !state.dismissed.has(m.ts),
    );
    container.innerHTML = '';
    const intro = document.createElement('div');
    intro.className = 'intro';
    intro.innerHTML =
      '<div class="intro-icon">#</div>' +
      '<h2>This is the very beginning of <span>#incident</span></h2>' +
      '<p>Lifeboat runs here against an emulated AWS. Try it: as <b>Alice</b>, ask for a failover; ' +
      'switch to <b>Bob</b> in the sidebar and approve it; watch the thread. Use <b>Game day</b> ' +
      'to take a region down or make AWS misbehave.</p>';
    const chips = document.createElement('div');
    chips.className = 'chips';
    for (const example of state.info?.examples || []) {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = example;
      chip.addEventListener('click', () => {
        $('composer-input').value = example;
        $('composer-input').focus();
        autosize();
      });
      chips.appendChild(chip);
    }
    intro.appendChild(chips);
    container.appendChild(intro);
    if (top.length) {
      const divider = document.createElement('div');
      divider.className = 'day-divider';
      divider.innerHTML = '<span>Today</span>';
      container.appendChild(divider);
    }
    appendRun(container, top, true);
    if (nearBottom || state.scrollToEnd) {
      container.scrollTop = container.scrollHeight;
      state.scrollToEnd = false;
    }
  }

  function openThread(ts) {
    state.threadTs = ts;
    renderPane();
  }

  function renderThread() {
    const container = $('thread');
    const channel = state.info?.channel;
    const parent = state.snapshot.messages.find(
      (m) => m.channel === channel && m.ts === state.threadTs,
    );
    container.innerHTML = '';
    if (!parent) {
      container.innerHTML = '<p class="muted pad">This thread is gone.</p>';
      return;
    }
    const replies = state.snapshot.messages.filter(
      (m) => m.threadTs === parent.ts && m.ts !== parent.ts,
    );
    container.appendChild(messageNode(parent, { compact: false, showReplies: false }));
    const count = document.createElement('div');
    count.className = 'replies-divider';
    count.innerHTML = `<span>${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</span>`;
    container.appendChild(count);
    appendRun(container, replies, false);
    container.scrollTop = container.scrollHeight;
  }

  // ---------- clicks ----------

  function confirmDialog(confirm) {
    return new Promise((resolve) => {
      $('modal-title').innerHTML = plain(confirm.title?.text || 'Are you sure?');
      $('modal-text').innerHTML = window.Blocks.text(confirm.text, ctx);
      $('modal-confirm').innerHTML = plain(confirm.confirm?.text || 'Confirm');
      $('modal-deny').innerHTML = plain(confirm.deny?.text || 'Cancel');
      $('modal-confirm').className =
        `button ${confirm.style === 'danger' ? 'danger-solid' : 'primary'}`;
      $('modal').hidden = false;
      $('modal-confirm').focus();
      const done = (answer) => {
        $('modal').hidden = true;
        $('modal-confirm').onclick = null;
        $('modal-deny').onclick = null;
        resolve(answer);
      };
      $('modal-confirm').onclick = () => done(true);
      $('modal-deny').onclick = () => done(false);
    });
  }

  async function clickButton(item, block, button, message, inHome) {
    if (item.confirm && !(await confirmDialog(item.confirm))) return;
    button.disabled = true;
    button.classList.add('pending');
    try {
      await api('/sandbox/api/action', {
        user: state.me,
        actionId: item.action_id,
        blockId: block.block_id,
        value: item.value,
        label: item.text?.text,
        ...(inHome ? { inHome: true } : { channel: message.channel, messageTs: message.ts }),
      });
    } catch (error) {
      toast(`Slack could not deliver the click: ${error.message}`);
    } finally {
      setTimeout(() => {
        button.disabled = false;
        button.classList.remove('pending');
      }, 600);
    }
  }

  // ---------- composer ----------

  function autosize() {
    const input = $('composer-input');
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
    renderSuggestions();
  }

  function renderSuggestions() {
    const value = $('composer-input').value;
    const box = $('suggestions');
    const m = /^\/(d|dr|dr\s+(\S*))$/.exec(value);
    if (!value.startsWith('/') || !m) {
      box.innerHTML = '';
      box.hidden = true;
      return;
    }
    const prefix = m[2] || '';
    const matches = COMMANDS.filter(([verb]) => verb.startsWith(prefix));
    box.hidden = matches.length === 0;
    box.innerHTML = '<div class="suggest-title">Lifeboat · /dr</div>';
    for (const [verb, args] of matches) {
      const row = document.createElement('button');
      row.type = 'button';
      row.className = 'suggestion';
      row.innerHTML = `<span class="app-dot">${LIFEBUOY}</span><b>/dr ${escapeHtml(verb)}</b> <span class="muted">${escapeHtml(args)}</span>`;
      row.addEventListener('click', () => {
        $('composer-input').value = `/dr ${verb} `;
        $('composer-input').focus();
        autosize();
      });
      box.appendChild(row);
    }
  }

  async function send(event) {
    if (event) event.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    autosize();
    state.scrollToEnd = true;
    try {
      await api('/sandbox/api/compose', { user: state.me, channel: state.info.channel, text });
    } catch (error) {
      toast(error.message);
    }
  }

  // ---------- App Home ----------

  function renderHome() {
    const container = $('home');
    container.innerHTML = '';
    const view = state.snapshot.homeView;
    if (!view || !view.blocks?.length) {
      container.innerHTML =
        `<div class="home-empty"><div class="intro-icon">${LIFEBUOY}</div><h2>Lifeboat</h2>` +
        '<p class="muted">Waiting for Lifeboat to publish this Home tab…</p></div>';
      return;
    }
    container.appendChild(renderBody({ blocks: view.blocks, text: '' }, true));
  }

  // ---------- game day ----------

  function regionRoles(region) {
    const roles = [];
    for (const env of state.info?.environments || []) {
      if (env.primaryRegion === region) roles.push(`${env.name} primary`);
      else if (env.recoveryRegion === region) roles.push(`${env.name} recovery`);
      else if (env.allowedRegions.includes(region)) roles.push(`${env.name} allowed`);
    }
    return roles;
  }

  function renderRegions(aws) {
    const box = $('regions');
    box.innerHTML = '';
    for (const [name, region] of Object.entries(aws.regions || {}).sort()) {
      const row = document.createElement('div');
      row.className = `region ${region.up ? 'up' : 'down'}`;
      row.innerHTML =
        `<span class="dot"></span><div class="region-name"><b>${escapeHtml(name)}</b>` +
        `<span class="muted">${escapeHtml(regionRoles(name).join(', '))}</span></div>`;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `button small ${region.up ? 'danger' : 'primary'}`;
      button.textContent = region.up ? 'Take down' : 'Bring up';
      button.dataset.region = name;
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api(`/sandbox/api/aws/regions/${encodeURIComponent(name)}`, { up: !region.up });
        } catch (error) {
          toast(error.message);
        }
        loadGameDay();
      });
      row.appendChild(button);
      box.appendChild(row);
    }
  }

  function renderTraffic(aws) {
    const box = $('traffic');
    box.innerHTML = '';
    for (const env of state.info?.environments || []) {
      const zone =
        aws.hostedZones?.[env.hostedZoneId] || aws.hostedZones?.[`/hostedzone/${env.hostedZoneId}`];
      const record = env.records[0];
      if (!record) continue;
      const current = zone?.records.find(
        (r) => r.name.replace(/\.$/, '') === record.name.replace(/\.$/, ''),
      );
      const value = current?.values?.[0]?.replace(/\.$/, '');
      const region = Object.entries(record.values).find(
        ([, v]) => v.replace(/\.$/, '') === value,
      )?.[0];
      const up = region ? aws.regions?.[region]?.up !== false : false;
      const row = document.createElement('div');
      row.className = 'traffic-row';
      row.innerHTML =
        `<div><b>${escapeHtml(env.name)}</b> <span class="muted">${escapeHtml(record.name)}</span></div>` +
        `<div class="traffic-target ${region === env.primaryRegion ? 'primary' : 'moved'} ${up ? '' : 'dark'}">` +
        `→ ${escapeHtml(region || value || '?')}${up ? '' : ' (down)'}</div>`;
      box.appendChild(row);
    }
  }

  function setSlider(id, value, format) {
    $(`f-${id}`).value = String(value);
    $(`o-${id}`).textContent = format(value);
  }

  const pct = (v) => `${v}%`;
  const ms = (v) => `${v} ms`;

  function loadFaultControls(faults) {
    setSlider('throttle', Math.round((faults.throttleRate || 0) * 100), pct);
    setSlider('error', Math.round((faults.errorRate || 0) * 100), pct);
    setSlider('latency', faults.latencyMs || 0, ms);
    setSlider('restore', Math.round((faults.failJobs?.restore || 0) * 100), pct);
    setSlider('copy', Math.round((faults.failJobs?.copy || 0) * 100), pct);
    $('f-route53').checked = faults.route53Up === false;
  }

  function renderTimeline(entries) {
    const list = $('timeline');
    list.innerHTML = '';
    if (!entries.length) {
      list.innerHTML = '<li class="muted">Nothing yet. Type a command or take a region down.</li>';
      return;
    }
    for (const entry of entries.slice(0, 150)) {
      const item = document.createElement('li');
      item.className = `tl tl-${entry.source} ${entry.level ? `tl-${entry.level}` : ''}`;
      const actor = entry.actor ? ctx.user(entry.actor)?.realName || entry.actor : '';
      item.innerHTML =
        `<span class="tl-time">${clockSeconds(new Date(entry.at))}</span>` +
        `<span class="tl-source">${escapeHtml(entry.source)}</span>` +
        `<span class="tl-text">${actor ? `<b>${escapeHtml(actor)}</b> ` : ''}${escapeHtml(entry.text)}</span>`;
      list.appendChild(item);
    }
  }

  async function loadGameDay() {
    if (!state.gameDay || !state.info) return;
    try {
      const [aws, timeline] = await Promise.all([
        api('/sandbox/api/aws/state'),
        api('/sandbox/api/timeline'),
      ]);
      renderRegions(aws);
      renderTraffic(aws);
      if (!state.faultsLoaded && aws.faults) {
        loadFaultControls(aws.faults);
        state.faultsLoaded = true;
      }
      renderTimeline(timeline.entries || []);
    } catch (error) {
      $('regions').innerHTML =
        `<p class="muted">The AWS emulator is not answering (${escapeHtml(error.message)}).</p>`;
    }
  }

  async function applyFaults(extra) {
    const rate = (id) => Number($(`f-${id}`).value) / 100;
    try {
      await api('/sandbox/api/aws/faults', {
        throttleRate: rate('throttle'),
        errorRate: rate('error'),
        latencyMs: Number($('f-latency').value),
        failJobs: { restore: rate('restore'), copy: rate('copy') },
        route53Up: !$('f-route53').checked,
        ...(extra || {}),
      });
      toast('Faults applied');
    } catch (error) {
      toast(error.message);
    }
    loadGameDay();
  }

  function wireGameDay() {
    for (const [id, format] of [
      ['throttle', pct],
      ['error', pct],
      ['latency', ms],
      ['restore', pct],
      ['copy', pct],
    ]) {
      $(`f-${id}`).addEventListener(
        'input',
        () => ($(`o-${id}`).textContent = format(Number($(`f-${id}`).value))),
      );
    }
    $('apply-faults').addEventListener('click', () => applyFaults());
    $('fail-next-restore').addEventListener('click', () =>
      applyFaults({ failNext: [{ kind: 'restore' }] }),
    );
    $('calm').addEventListener('click', () => {
      loadFaultControls({
        throttleRate: 0,
        errorRate: 0,
        latencyMs: 0,
        failJobs: {},
        route53Up: true,
      });
      applyFaults({ failNext: [] });
    });
    $('reset-aws').addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: { text: 'Reset AWS?' },
        text: {
          type: 'mrkdwn',
          text: 'Every region comes back up, faults are cleared, DNS points at the primary regions again, and the recovery points are the seeded ones, 20 minutes old. Lifeboat’s own history stays.',
        },
        confirm: { text: 'Reset' },
        style: 'danger',
      });
      if (!ok) return;
      try {
        await api('/sandbox/api/reset', {});
        state.faultsLoaded = false;
      } catch (error) {
        toast(error.message);
      }
      loadGameDay();
    });
    $('clear-channel').addEventListener('click', () =>
      api('/sandbox/api/clear', { user: state.me }).catch((e) => toast(e.message)),
    );
    setInterval(loadGameDay, 2000);
  }

  // ---------- layout ----------

  function renderPane() {
    const threadOpen = Boolean(state.threadTs);
    $('thread-pane').hidden = !threadOpen;
    $('gameday-pane').hidden = threadOpen || !state.gameDay;
    $('pane').hidden = !threadOpen && !state.gameDay;
    $('toggle-gameday').classList.toggle('active', state.gameDay);
    if (threadOpen && state.snapshot) renderThread();
  }

  function renderSidebar() {
    const s = state.snapshot;
    const select = $('user-switcher');
    if (!select.options.length) {
      for (const user of s.users) {
        const option = document.createElement('option');
        option.value = user.id;
        option.textContent = `${user.realName} (${user.id})`;
        select.appendChild(option);
      }
    }
    select.value = state.me;
    const me = ctx.user(state.me);
    const meAvatar = $('me-avatar');
    meAvatar.style.background = me?.color || '#616061';
    meAvatar.textContent = initials(me);
    $('me-role').textContent = roleOf(state.me);

    $('groups').innerHTML = s.groups
      .map(
        (g) =>
          `<div class="group" title="${escapeHtml(g.name)}"><span class="handle">@${escapeHtml(g.handle)}</span>` +
          `<span class="members">${g.users.map((id) => escapeHtml(ctx.user(id)?.realName || id)).join(', ')}</span></div>`,
      )
      .join('');
    const people = $('people');
    people.innerHTML = '';
    for (const user of s.users) {
      const row = document.createElement('button');
      row.type = 'button';
      row.className = `person${user.id === state.me ? ' me' : ''}`;
      row.title = `${user.title}: ${roleOf(user.id)}. Click to act as ${user.realName}.`;
      row.appendChild(avatar(user, 'xs'));
      const name = document.createElement('span');
      name.innerHTML = `${escapeHtml(user.realName)} <span class="person-role">${escapeHtml(roleOf(user.id).split(':')[0])}</span>`;
      row.appendChild(name);
      row.addEventListener('click', () => switchUser(user.id));
      people.appendChild(row);
    }
  }

  function render() {
    if (!state.snapshot || !state.info) return;
    renderSidebar();
    const channel = ctx.channel(state.info.channel);
    const home = state.view === 'home';
    $('channel-view').hidden = home;
    $('home-view').hidden = !home;
    $('nav-channel').classList.toggle('active', !home);
    $('nav-home').classList.toggle('active', home);
    $('view-title').textContent = home ? 'Lifeboat' : `# ${channel?.name || 'incident'}`;
    $('view-topic').textContent = home ? 'App Home' : channel?.topic || '';
    $('nav-channel-name').textContent = channel?.name || 'incident';
    document.title = `${home ? 'Lifeboat' : `#${channel?.name}`} · ${state.snapshot.teamName}`;
    if (home) renderHome();
    else renderMessages();
    renderPane();
  }

  async function refresh() {
    if (!state.me) return;
    try {
      state.snapshot = await api(`/sandbox/api/workspace?user=${encodeURIComponent(state.me)}`);
      render();
    } catch (error) {
      toast(`The sandbox is not answering: ${error.message}`);
    }
  }

  let refreshTimer = null;
  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      refresh();
    }, 40);
  }

  function switchUser(id) {
    state.me = id;
    localStorage.setItem('lifeboat.sandbox.user', id);
    const url = new URL(location.href);
    url.searchParams.set('user', id);
    history.replaceState(null, '', url);
    refresh().then(() => {
      if (state.view === 'home')
        api('/sandbox/api/home-opened', { user: state.me }).catch(() => undefined);
    });
  }

  function setView(view) {
    state.view = view;
    render();
    if (view === 'home')
      api('/sandbox/api/home-opened', { user: state.me }).catch((e) => toast(e.message));
  }

  function connect() {
    const source = new EventSource('/sandbox/api/stream');
    source.addEventListener('change', scheduleRefresh);
    source.onopen = () => {
      $('live').classList.remove('off');
      scheduleRefresh();
    };
    source.onerror = () => $('live').classList.add('off');
    // A safety net for proxies that buffer event streams.
    setInterval(() => $('live').classList.contains('off') && refresh(), 3000);
  }

  async function start() {
    state.info = await api('/sandbox/api/info');
    const requested = new URL(location.href).searchParams.get('user');
    state.me = requested || localStorage.getItem('lifeboat.sandbox.user') || 'U0ALICE';
    $('user-switcher').addEventListener('change', (e) => switchUser(e.target.value));
    $('nav-channel').addEventListener('click', () => setView('channel'));
    $('nav-home').addEventListener('click', () => setView('home'));
    $('composer').addEventListener('submit', send);
    $('composer-input').addEventListener('input', autosize);
    $('composer-input').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) send(e);
      if (e.key === 'Escape') $('suggestions').hidden = true;
    });
    $('close-thread').addEventListener('click', () => {
      state.threadTs = null;
      renderPane();
    });
    $('close-gameday').addEventListener('click', () => {
      state.gameDay = false;
      renderPane();
    });
    $('toggle-gameday').addEventListener('click', () => {
      state.gameDay = !state.gameDay;
      state.threadTs = null;
      renderPane();
      loadGameDay();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !$('modal').hidden) $('modal-deny').click();
    });
    wireGameDay();
    state.scrollToEnd = true;
    await refresh();
    connect();
    loadGameDay();
    $('composer-input').focus();
  }

  start().catch((error) => toast(`Could not start: ${error.message}`));
})();
