// The hosted checkout page. A client of the public API only: a sales channel token from /oauth/token
// (the public client id comes in <meta name="commerce-client-id">), then JSON:API requests to /api.
// Money is never computed here: the order's amounts are the API's formatted_ attributes; a method's or a
// product's price is its price_amount_cents, only formatted here (in the API's style: symbol first, no space).
// The access token lives in this closure only (not in storage): a reload simply asks for a new one.
// Texts come from /checkout/assets/i18n-<language>.json (the order's language_code, English as fallback).
'use strict';

(() => {
  const API = '/api';
  const TOKEN_URL = '/oauth/token';
  const MEDIA_TYPE = 'application/vnd.api+json';
  const INCLUDE = 'line_items.sku,available_shipping_methods,available_payment_methods,'
    + 'shipping_address,billing_address,shipping_method,payment_method,payment_source';
  const ADDRESS_FIELDS = ['first_name', 'last_name', 'company', 'line_1', 'line_2', 'city', 'zip_code', 'state_code', 'country_code', 'phone'];
  const PLACED = ['placed', 'approved'];
  // ISO 3166-1 alpha-2, as the service accepts them (Commerce.Domain.Orders.Countries).
  const COUNTRIES = ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
    + 'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR '
    + 'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP '
    + 'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT '
    + 'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW '
    + 'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG '
    + 'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' ');
  // Examples shown under the postal code and the phone: [postal code, phone].
  const EXAMPLES = {
    AT: ['1010', '+43 1 234567'], BE: ['1000', '+32 2 123 45 67'], CA: ['K1A 0B1', '+1 613 555 0100'], CH: ['8001', '+41 44 123 45 67'],
    DE: ['10117', '+49 30 123456'], ES: ['28001', '+34 912 345 678'], FR: ['75001', '+33 1 23 45 67 89'], GB: ['SW1A 1AA', '+44 20 7946 0000'],
    IE: ['D02 X285', '+353 1 234 5678'], IT: ['20121', '+39 02 1234567'], NL: ['1012 AB', '+31 20 123 4567'], PT: ['1100-148', '+351 21 123 4567'],
    US: ['94103', '+1 415 555 0100'],
  };

  const $ = (id) => document.getElementById(id);

  const state = {
    clientId: document.querySelector('meta[name="commerce-client-id"]')?.content ?? '',
    languages: parseLanguages(document.querySelector('meta[name="commerce-languages"]')?.content ?? ''),
    texts: {},
    orderId: orderIdFromPath(),
    accessToken: null,
    organization: null,    // GET /api/organization's attributes, or null
    document: null,        // the last order document the API returned
    included: new Map(),   // "type:id" → resource
    requiresShipping: true,
    shippingMethods: [],
    paymentMethods: [],
    addressIds: { shipping: null, billing: null },
    paymentSource: null,   // { type, id } of the order's payment source
    placeKey: null,        // Idempotency-Key of the current placement attempt
    busy: false,
    placed: false,
    queue: Promise.resolve(),
  };

  // ---- texts ----------------------------------------------------------------------------------

  function parseLanguages(content) {
    return new Map(content.split(' ').filter(Boolean).map((entry) => entry.split(':')));
  }

  /** The text of key, with {name} replaced by vars.name; the key itself when no file has it. */
  function t(key, vars = {}) {
    const text = state.texts[key] ?? key;
    return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }

  /** The order's language if the page has texts for it (it-IT → it), else English. */
  function pageLanguage(code) {
    const wanted = String(code ?? '').toLowerCase().replace('_', '-');
    if (state.languages.has(wanted))
      return wanted;
    const base = wanted.split('-')[0];
    return state.languages.has(base) ? base : 'en';
  }

  async function loadTexts(language) {
    const version = state.languages.get(language);
    if (!version)
      return;
    try {
      const response = await fetch(`/checkout/assets/i18n-${encodeURIComponent(language)}.json?v=${encodeURIComponent(version)}`, { credentials: 'omit' });
      if (response.ok)
        state.texts = await response.json();
    } catch {
      // The page's English texts stay.
    }
    document.documentElement.lang = language;
    for (const node of document.querySelectorAll('[data-i18n]'))
      if (state.texts[node.dataset.i18n] !== undefined)
        node.textContent = state.texts[node.dataset.i18n];
  }

  // ---- the API -------------------------------------------------------------------------------

  function orderIdFromPath() {
    const last = location.pathname.split('/').filter(Boolean).pop() ?? '';
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  }

  class Problem extends Error {}

  async function fetchToken() {
    let response;
    try {
      response = await fetch(TOKEN_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: state.clientId }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new Problem(t('unreachable_reload'));
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body?.access_token)
      throw new Problem(response.status === 429 ? t('too_many_attempts') : t('cannot_sign_in'));
    state.accessToken = body.access_token;
  }

  let tokenRequest = null;

  /** One request; never throws for an HTTP or network failure: { ok, status, body, errors, network }. */
  async function api(method, path, document, headers = {}, retried = false) {
    if (!state.accessToken) {
      tokenRequest ??= fetchToken().finally(() => { tokenRequest = null; });
      await tokenRequest;
    }
    const init = {
      method,
      headers: { Accept: MEDIA_TYPE, Authorization: `Bearer ${state.accessToken}`, ...headers },
      credentials: 'omit',
      cache: 'no-store',
    };
    if (document) {
      init.headers['Content-Type'] = MEDIA_TYPE;
      init.body = JSON.stringify(document);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch {
      return { ok: false, status: 0, network: true, body: null, errors: [{ detail: t('unreachable_retry') }] };
    }
    if (response.status === 401 && !retried) {
      // Expired: a new token, and the same request once more.
      state.accessToken = null;
      return api(method, path, document, headers, true);
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const errors = response.ok ? [] : (Array.isArray(body?.errors) && body.errors.length > 0
      ? body.errors
      : [{ status: String(response.status), detail: t('shop_error', { status: response.status }) }]);
    return { ok: response.ok, status: response.status, body, errors, network: false };
  }

  /** Write requests run one after the other, so that they never race on the order's version. */
  function serial(task) {
    const run = state.queue.then(task, task);
    state.queue = run.catch(() => undefined);
    return run;
  }

  const orderPath = () => `/orders/${encodeURIComponent(state.orderId)}?include=${INCLUDE}`;
  const link = (type, id) => ({ data: { type, id } });

  function newIdempotencyKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'checkout-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---- the order document ---------------------------------------------------------------------

  function applyOrder(document) {
    state.document = document;
    state.included = new Map((document.included ?? []).map((r) => [`${r.type}:${r.id}`, r]));
    const order = document.data;
    const items = skuLines();
    state.requiresShipping = items.length === 0 || items.some((item) => one(item, 'sku')?.attributes?.do_not_ship !== true);
    state.shippingMethods = many(order, 'available_shipping_methods');
    state.paymentMethods = many(order, 'available_payment_methods');
    const source = order.relationships?.payment_source?.data;
    state.paymentSource = source ? { type: source.type, id: source.id } : null;
  }

  function linkage(resource, name) {
    return resource?.relationships?.[name]?.data ?? null;
  }

  function one(resource, name) {
    const data = linkage(resource, name);
    return data && !Array.isArray(data) ? state.included.get(`${data.type}:${data.id}`) ?? null : null;
  }

  function many(resource, name) {
    const data = linkage(resource, name);
    return Array.isArray(data) ? data.map((d) => state.included.get(`${d.type}:${d.id}`)).filter(Boolean) : [];
  }

  /** The lines a shopper bought (not the promotions' and gift cards' lines, which the totals show). */
  function skuLines() {
    return many(state.document.data, 'line_items').filter((item) => !item.attributes.item_type || item.attributes.item_type === 'skus');
  }

  // ---- rendering ------------------------------------------------------------------------------

  function status(text) {
    $('status').textContent = text;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined)
      node.textContent = text;
    if (className)
      node.className = className;
    return node;
  }

  /** An image that disappears if it cannot be loaded (the name next to it says what it is). */
  function image(url, className) {
    const img = element('img', undefined, className);
    img.alt = '';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.addEventListener('error', () => img.remove());
    img.src = url;
    return img;
  }

  /** Minor units in the API's style (symbol first, no space, the language's separators); the page adds nothing up. */
  function formatMoney(cents, currency) {
    try {
      const format = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
      const digits = format.resolvedOptions().maximumFractionDigits;
      const parts = format.formatToParts(Math.abs(cents) / 10 ** digits);
      const symbol = parts.find((p) => p.type === 'currency')?.value ?? currency;
      const number = parts.filter((p) => ['integer', 'group', 'decimal', 'fraction'].includes(p.type)).map((p) => p.value).join('');
      return `${cents < 0 ? '-' : ''}${symbol}${number}`;
    } catch {
      return '';
    }
  }

  function renderItems(list) {
    list.replaceChildren(...skuLines().map((item) => {
      const a = item.attributes;
      const li = element('li');
      const thumb = element('span', undefined, 'thumb');
      if (a.image_url)
        thumb.append(image(a.image_url));
      thumb.append(element('span', String(a.quantity), 'quantity'));
      const name = element('span', undefined, 'name');
      name.append(element('span', a.name ?? a.sku_code), element('span', t('quantity', { quantity: a.quantity }), 'visually-hidden'));
      li.append(thumb, name, element('span', a.formatted_total_amount, 'amount'));
      return li;
    }));
  }

  function renderTotals(list) {
    const order = state.document.data;
    const a = order.attributes;
    const rows = [[t('subtotal'), a.formatted_subtotal_amount]];
    // No shipping line before a method is chosen: "€0,00" would read as free shipping.
    if (state.requiresShipping && linkage(order, 'shipping_method'))
      rows.push([t('shipping'), a.shipping_amount_cents === 0 ? t('free') : a.formatted_shipping_amount]);
    if (a.payment_method_amount_cents !== 0)
      rows.push([t('payment_fee'), a.formatted_payment_method_amount]);
    if (a.discount_amount_cents !== 0)
      rows.push([a.coupon_code ? t('discount_code', { code: a.coupon_code }) : t('discount'), a.formatted_discount_amount]);
    // The tax rate follows the country: until the order has an address there is nothing to say about tax.
    if (a.country_code)
      rows.push([a.tax_included ? t('tax_included') : t('tax'), a.formatted_total_tax_amount]);
    if (a.gift_card_amount_cents !== 0)
      rows.push([t('gift_card'), a.formatted_gift_card_amount]);
    const nodes = rows.flatMap(([label, value]) => [element('dt', label), element('dd', value)]);
    nodes.push(element('dt', t('total'), 'grand'), element('dd', toPay(), 'grand'));
    list.replaceChildren(...nodes);
  }

  /** What the shopper pays: after tax and the gift card. */
  const toPay = () => state.document.data.attributes.formatted_total_amount_with_taxes ?? state.document.data.attributes.formatted_total_amount;

  function renderSummary() {
    renderItems($('line-items'));
    renderTotals($('totals'));
    renderCodes();
    $('place-total').textContent = t('total_to_pay', { total: toPay() });
    $('summary-toggle-total').textContent = toPay();
  }

  function showProblem(title, text) {
    $('checkout').hidden = true;
    $('confirmation').hidden = true;
    $('problem-title').textContent = title;
    $('problem-text').textContent = text;
    $('problem').hidden = false;
    document.title = `${title} – ${t('title')}`;
    status(title);
    $('problem').focus();
  }

  // ---- branding -------------------------------------------------------------------------------

  /** The shop's name, logo, colour, favicon and support contacts (GET /api/organization); the page stays plain without them. */
  async function loadOrganization() {
    const answer = await api('GET', '/organization');
    state.organization = answer.ok ? answer.body?.data?.attributes ?? null : null;
  }

  function shopUrl() {
    const order = state.document?.data?.attributes;
    if (order?.return_url)
      return order.return_url;
    const domain = state.organization?.domain;
    if (!domain)
      return null;
    return /^https?:\/\//i.test(domain) ? domain : `//${domain}/`;
  }

  function renderBrand() {
    const organization = state.organization;
    if (!organization)
      return;
    const brand = $('brand-link');
    $('brand-name').textContent = organization.name ?? '';
    if (organization.logo_url) {
      const logo = $('brand-logo');
      logo.alt = organization.name ?? '';
      logo.addEventListener('error', () => { logo.hidden = true; $('brand-name').hidden = false; });
      logo.src = organization.logo_url;
      logo.hidden = false;
      $('brand-name').hidden = true;
    }
    const url = shopUrl();
    if (url) {
      brand.href = url;
      brand.setAttribute('aria-label', t('back_to_shop', { shop: organization.name ?? '' }));
    }
    brand.hidden = false;
    if (organization.favicon_url)
      $('favicon').href = organization.favicon_url;
    const color = accent(organization.primary_color);
    if (color) {
      document.documentElement.style.setProperty('--accent', color.base);
      document.documentElement.style.setProperty('--accent-dark', color.dark);
    }
    const contacts = [organization.support_email, organization.support_phone].filter(Boolean);
    if (contacts.length > 0) {
      $('support').textContent = t('support', { contacts: contacts.join(' · ') });
      $('footer').hidden = false;
    }
  }

  /** The primary colour, darkened until white text on it has a contrast of at least 4.5:1 (WCAG AA). */
  function accent(hex) {
    const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex ?? '');
    if (!match)
      return null;
    const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
    let rgb = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
    const luminance = (c) => c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    for (let i = 0; i < 40 && 1.05 / (luminance(rgb) + 0.05) < 4.5; i++)
      rgb = rgb.map((v) => Math.floor(v * 0.92));
    const css = (c) => `rgb(${c.join(', ')})`;
    return { base: css(rgb), dark: css(rgb.map((v) => Math.floor(v * 0.8))) };
  }

  function checkoutConfig() {
    const config = state.organization?.config?.checkout;
    return config && typeof config === 'object' ? config : {};
  }

  // ---- the confirmation -----------------------------------------------------------------------

  function addressLines(address) {
    if (!address)
      return [];
    const a = address.attributes;
    const name = [a.first_name, a.last_name].filter(Boolean).join(' ');
    const country = a.country_code ? countryNames()(a.country_code) : '';
    return [name, a.company, a.line_1, a.line_2, [a.zip_code, a.city, a.state_code].filter(Boolean).join(' '), country, a.phone].filter(Boolean);
  }

  function recapRow(list, label, lines) {
    if (!lines || lines.length === 0)
      return;
    const dd = element('dd');
    lines.forEach((line, i) => {
      if (i > 0)
        dd.append(element('br'));
      dd.append(document.createTextNode(line));
    });
    list.append(element('dt', label), dd);
  }

  function showConfirmation(moveFocus) {
    state.placed = true;
    const order = state.document.data;
    const a = order.attributes;
    $('checkout').hidden = true;
    $('problem').hidden = true;
    $('confirmation-number').textContent = String(a.number);
    const payment = one(order, 'payment_method');
    const wire = payment?.attributes?.payment_source_type === 'wire_transfers';
    $('confirmation-note').textContent = a.customer_email ? t('confirmation_email', { email: a.customer_email }) : '';

    const recap = $('recap');
    recap.replaceChildren();
    recapRow(recap, t('email'), a.customer_email ? [a.customer_email] : []);
    const shipping = one(order, 'shipping_address');
    const billing = one(order, 'billing_address');
    recapRow(recap, t('shipping_address'), addressLines(shipping));
    recapRow(recap, t('billing_address'), billing && shipping && sameDetails(billing, shipping) ? [t('same_as_shipping')] : addressLines(billing));
    const method = one(order, 'shipping_method');
    recapRow(recap, t('shipping_method'), method ? [method.attributes.name] : []);
    recapRow(recap, t('payment'), payment ? [payment.attributes.name] : []);

    const bank = bankDetails();
    $('bank-details').hidden = !(wire && bank.length > 0);
    if (wire && bank.length > 0) {
      const list = $('bank-list');
      list.replaceChildren();
      for (const [label, value] of [...bank, [t('bank_reference'), t('bank_reference_value', { number: a.number })], [t('bank_amount'), toPay()]])
        recapRow(list, label, [value]);
    }

    renderItems($('confirmation-items'));
    renderTotals($('confirmation-totals'));
    const url = shopUrl();
    $('continue-shopping').hidden = !url;
    if (url)
      $('continue-shopping').href = url;
    $('confirmation').hidden = false;
    document.title = `${t('order_placed_title', { number: a.number })} – ${t('title')}`;
    status(t('placed_status', { number: a.number, total: toPay() }));
    if (moveFocus)
      $('confirmation').focus();
    showRecommendations();
  }

  /** The bank details the shop configured (organization config.checkout.wire_transfer): [label, value] pairs. */
  function bankDetails() {
    const wire = checkoutConfig().wire_transfer;
    if (!wire || typeof wire !== 'object')
      return [];
    return [['bank_name', 'bank_name'], ['account_holder', 'bank_account_holder'], ['iban', 'bank_iban'], ['bic', 'bank_bic'], ['instructions', 'bank_instructions']]
      .filter(([key]) => typeof wire[key] === 'string' && wire[key].trim() !== '')
      .map(([key, label]) => [t(label), wire[key]]);
  }

  /** The order page's recommendations (GET /api/orders/:id/recommendations), below the confirmation; nothing when none or on error. */
  async function showRecommendations() {
    const { currency_code: currency } = state.document.data.attributes;
    const answer = await api('GET', `/orders/${encodeURIComponent(state.orderId)}/recommendations?include=prices`
      + '&fields[skus]=code,name,image_url,prices&fields[prices]=currency_code,amount_cents');
    const skus = answer.ok && Array.isArray(answer.body?.data) ? answer.body.data : [];
    if (skus.length === 0)
      return;
    const prices = new Map((answer.body.included ?? []).filter((r) => r.type === 'prices').map((r) => [r.id, r.attributes]));
    $('recommendation-list').replaceChildren(...skus.map((sku) => {
      const price = (sku.relationships?.prices?.data ?? []).map((p) => prices.get(p.id)).find((p) => p?.currency_code === currency);
      const li = element('li', undefined, 'product');
      if (sku.attributes.image_url)
        li.append(image(sku.attributes.image_url));
      li.append(element('span', sku.attributes.name ?? sku.attributes.code, 'name'), element('span', price ? formatMoney(price.amount_cents, currency) : '', 'amount'));
      return li;
    }));
    $('recommendations').hidden = false;
  }

  // ---- the form -------------------------------------------------------------------------------

  function countryNames() {
    let names = null;
    try {
      names = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' });
    } catch {
      names = null;
    }
    return (code) => {
      try {
        return (code && names?.of(code)) || code;
      } catch {
        return code;
      }
    };
  }

  function fillCountries(select, codes, selected) {
    const name = countryNames();
    const options = codes.map((code) => ({ code, label: name(code) })).sort((x, y) => x.label.localeCompare(y.label, document.documentElement.lang));
    const placeholder = element('option', t('choose_country'));
    placeholder.value = '';
    select.replaceChildren(placeholder, ...options.map(({ code, label }) => {
      const option = element('option', label);
      option.value = code;
      return option;
    }));
    select.value = selected && codes.includes(selected) ? selected : (codes.length === 1 ? codes[0] : '');
  }

  /** The countries the order's shipping methods serve (the market's), or every country when one serves all. */
  function shippingCountries() {
    const methods = state.shippingMethods;
    if (methods.length === 0 || methods.some((m) => (m.attributes.country_codes ?? []).length === 0))
      return COUNTRIES;
    return COUNTRIES.filter((code) => methods.some((m) => m.attributes.country_codes.includes(code)));
  }

  /** Postal code and phone examples for the country chosen. */
  function updateHints(prefix) {
    const example = EXAMPLES[$(`${prefix}-country_code`).value];
    for (const [name, index] of [['zip_code', 0], ['phone', 1]]) {
      const hint = $(`${prefix}-${name}-hint`);
      hint.textContent = example ? t(name === 'zip_code' ? 'zip_hint' : 'phone_hint', { example: example[index] }) : (name === 'phone' ? t('phone_hint_generic') : '');
      hint.hidden = hint.textContent === '';
    }
  }

  function fillAddress(prefix, address) {
    state.addressIds[prefix] = address?.id ?? null;
    for (const name of ADDRESS_FIELDS) {
      if (name !== 'country_code')
        $(`${prefix}-${name}`).value = address?.attributes?.[name] ?? '';
    }
  }

  function sameDetails(x, y) {
    return ADDRESS_FIELDS.every((name) => (x.attributes[name] ?? '') === (y.attributes[name] ?? ''));
  }

  /** Radio choices: each with its label and, for shipping and payment, its price. */
  function renderChoices(containerId, name, methods, selectedId, priceOf) {
    $(containerId).replaceChildren(...methods.map((method) => {
      const id = `${name}-${method.id}`;
      const wrapper = element('div', undefined, 'choice');
      wrapper.dataset.id = method.id;
      const input = element('input');
      input.type = 'radio';
      input.name = name;
      input.id = id;
      input.value = method.id;
      input.checked = method.id === selectedId;
      const label = element('label');
      label.htmlFor = id;
      label.append(element('span', method.attributes.name, 'method-name'));
      const price = priceOf(method);
      if (price)
        label.append(element('span', price, 'amount'));
      wrapper.append(input, label);
      return wrapper;
    }));
  }

  /** A shipping method's price for this order: "Free" at or over its free_over_amount (as the service prices it), else its price. */
  function shippingPrice(method) {
    const m = method.attributes;
    const subtotal = state.document.data.attributes.subtotal_amount_cents;
    const free = m.price_amount_cents === 0 || (m.free_over_amount_cents != null && subtotal >= m.free_over_amount_cents);
    return free ? t('free') : formatMoney(m.price_amount_cents, m.currency_code);
  }

  function paymentPrice(method) {
    const m = method.attributes;
    return m.price_amount_cents ? t('fee', { amount: formatMoney(m.price_amount_cents, m.currency_code) }) : '';
  }

  function checkedValue(name) {
    return document.querySelector(`input[name="${name}"]:checked`)?.value ?? null;
  }

  function selectedPaymentMethod() {
    const id = checkedValue('payment_method');
    return state.paymentMethods.find((m) => m.id === id) ?? null;
  }

  /** How the card's token is given: 'test' (the test card choice), 'token' (the token field), or null (no card). */
  function cardEntry() {
    const method = selectedPaymentMethod()?.attributes;
    if (method?.payment_source_type !== 'external_payments')
      return null;
    return method.gateway === 'test' ? 'test' : 'token';
  }

  function updatePaymentFields() {
    const method = selectedPaymentMethod();
    const entry = cardEntry();
    $('test-card').hidden = entry !== 'test';
    $('token-field').hidden = entry !== 'token';
    $('wire-note').hidden = method?.attributes?.payment_source_type !== 'wire_transfers';
    const saved = state.paymentSource?.type === 'external_payments' ? ` ${t('token_saved')}` : '';
    $('payment_source_token-hint').textContent = t('payment_token_hint') + saved;
  }

  function updateShippingChoices() {
    const country = $('shipping-country_code').value;
    let shown = 0;
    for (const wrapper of $('shipping-method-options').children) {
      const method = state.shippingMethods.find((m) => m.id === wrapper.dataset.id);
      const codes = method?.attributes?.country_codes ?? [];
      const serves = !country || codes.length === 0 || codes.includes(country);
      wrapper.hidden = !serves;
      const input = wrapper.querySelector('input');
      input.disabled = !serves;
      if (!serves)
        input.checked = false;
      else
        shown += 1;
    }
    const note = $('shipping-method-note');
    note.hidden = shown > 0 && state.shippingMethods.length > 0;
    note.textContent = state.shippingMethods.length === 0
      ? t('no_shipping_method')
      : t('no_shipping_to', { country: countryNames()(country) });
    updateHints('shipping');
  }

  /** The cheapest method that serves the chosen country, when the shop asks for it (config.checkout.preselect_cheapest_shipping). */
  function preselectCheapest() {
    const wanted = String(checkoutConfig().preselect_cheapest_shipping ?? '').toLowerCase() === 'true';
    if (!wanted || !state.requiresShipping || checkedValue('shipping_method'))
      return;
    const candidates = [...$('shipping-method-options').querySelectorAll('input:not([disabled])')]
      .map((input) => state.shippingMethods.find((m) => m.id === input.value))
      .filter(Boolean)
      .sort((x, y) => x.attributes.price_amount_cents - y.attributes.price_amount_cents);
    if (candidates.length === 0)
      return;
    $(`shipping_method-${candidates[0].id}`).checked = true;
    saveChoice('shipping_method', 'shipping_methods', candidates[0].id).catch(() => status(t('choice_not_saved')));
  }

  function renderCheckout() {
    const order = state.document.data;
    const shipping = one(order, 'shipping_address');
    const billing = one(order, 'billing_address');
    $('customer_email').value = order.attributes.customer_email ?? '';
    fillAddress('shipping', shipping);
    fillCountries($('shipping-country_code'), shippingCountries(), shipping?.attributes?.country_code);
    const separateBilling = billing && (!shipping || !sameDetails(shipping, billing));
    fillAddress('billing', separateBilling ? billing : null);
    fillCountries($('billing-country_code'), COUNTRIES, separateBilling ? billing.attributes.country_code : null);
    $('billing-same').checked = !separateBilling;

    $('shipping-address').hidden = !state.requiresShipping;
    $('billing-same-field').hidden = !state.requiresShipping;
    $('shipping-method').hidden = !state.requiresShipping;
    if (!state.requiresShipping) {
      $('billing-same').checked = false;
      fillAddress('billing', billing);
      fillCountries($('billing-country_code'), COUNTRIES, billing?.attributes?.country_code);
    }
    $('billing-address').hidden = $('billing-same').checked;

    renderChoices('shipping-method-options', 'shipping_method', state.shippingMethods, linkage(order, 'shipping_method')?.id, shippingPrice);
    renderChoices('payment-method-options', 'payment_method', state.paymentMethods, linkage(order, 'payment_method')?.id, paymentPrice);
    updateShippingChoices();
    updateHints('billing');
    updatePaymentFields();
    renderSummary();
    $('checkout').hidden = false;
    document.title = t('title');
    status('');
    preselectCheapest();
  }

  /** After a change of the order: the methods' prices may change with the subtotal. */
  function refreshShippingPrices() {
    for (const wrapper of $('shipping-method-options').children) {
      const method = state.shippingMethods.find((m) => m.id === wrapper.dataset.id);
      const amount = wrapper.querySelector('.amount');
      if (method && amount)
        amount.textContent = shippingPrice(method);
    }
  }

  // ---- codes ----------------------------------------------------------------------------------

  function renderCodes() {
    const a = state.document.data.attributes;
    const applied = [];
    if (a.coupon_code)
      applied.push({ label: t('code_applied_coupon', { code: a.coupon_code }), attribute: 'coupon_code' });
    if (a.gift_card_code)
      applied.push({ label: t('code_applied_gift_card'), attribute: 'gift_card_code' });
    $('applied-codes').replaceChildren(...applied.map(({ label, attribute }) => {
      const li = element('li');
      const remove = element('button', t('remove'), 'link');
      remove.type = 'button';
      remove.dataset.attribute = attribute;
      remove.setAttribute('aria-label', `${t('remove')}: ${label}`);
      li.append(element('span', label), remove);
      return li;
    }));
  }

  /** A code through gift_card_or_coupon_code (a coupon's code, else a gift card's); errors at the field. */
  async function applyCode() {
    const input = $('code');
    const code = input.value.trim();
    clearFieldError('code');
    if (code === '') {
      showFieldError('code', t('enter_code'));
      input.focus();
      return;
    }
    await changeCodes({ gift_card_or_coupon_code: code }, () => {
      input.value = '';
      status(t('code_applied_status', { total: toPay() }));
    });
  }

  async function removeCode(attribute) {
    clearFieldError('code');
    await changeCodes({ [attribute]: null }, () => {
      status(t('code_removed_status', { total: toPay() }));
      $('code').focus();
    });
  }

  async function changeCodes(attributes, done) {
    const button = $('apply-code');
    button.disabled = true;
    status(t('updating_totals'));
    try {
      const response = await serial(() => api('PATCH', orderPath(), { data: { type: 'orders', id: state.orderId, attributes } }));
      if (state.placed)
        return;
      if (response.ok) {
        applyOrder(response.body);
        renderSummary();
        refreshShippingPrices();
        done();
      } else {
        showFieldError('code', response.status === 429 ? t('too_many_codes') : sentence(response.errors[0]?.detail));
        status(t('code_not_applied'));
        $('code').focus();
      }
    } finally {
      button.disabled = false;
    }
  }

  function showFieldError(field, text) {
    const input = $(field);
    input.setAttribute('aria-invalid', 'true');
    describe(input, `${field}-error`);
    const node = $(`${field}-error`);
    node.textContent = text;
    node.hidden = false;
  }

  function clearFieldError(field) {
    const input = $(field);
    input.removeAttribute('aria-invalid');
    describe(input, null);
    const node = $(`${field}-error`);
    node.textContent = '';
    node.hidden = true;
  }

  // ---- errors ---------------------------------------------------------------------------------

  const GROUP_ERRORS = {
    'shipping-address': 'shipping-address-error',
    'billing-address': 'billing-address-error',
    shipping_method: 'shipping_method-error',
    payment_method: 'payment_method-error',
    'test-card': 'test-card-error',
  };
  const GROUP_FIELDSETS = { shipping_method: 'shipping-method', payment_method: 'payment-method', 'test-card': 'test-card' };
  const GROUP_LABELS = {
    'shipping-address': 'shipping_address',
    'billing-address': 'billing_address',
    shipping_method: 'shipping_method',
    payment_method: 'payment',
    'test-card': 'test_card',
  };

  function paymentSourceTarget() {
    const entry = cardEntry();
    return entry === 'test' ? { group: 'test-card' } : entry === 'token' ? { field: 'payment_source_token' } : { group: 'payment_method' };
  }

  /** Where an API error belongs: { field } (an input's id), { group } (a fieldset), or null (the summary only). */
  function targetOf(context, error) {
    const pointer = error?.source?.pointer ?? '';
    const attribute = /^\/data\/attributes\/([a-z0-9_]+)$/.exec(pointer)?.[1];
    const relationship = /^\/data\/relationships\/([a-z0-9_]+)/.exec(pointer)?.[1];
    if (context === 'shipping' || context === 'billing') {
      if (attribute && ADDRESS_FIELDS.includes(attribute))
        return { field: `${context}-${attribute}` };
      return { group: `${context}-address` };
    }
    if (context === 'payment_source')
      return paymentSourceTarget();
    if (attribute === 'customer_email')
      return { field: 'customer_email' };
    if (['coupon_code', 'gift_card_code', 'gift_card_or_coupon_code'].includes(attribute))
      return { field: 'code' };
    switch (relationship) {
      case 'shipping_address':
        return { group: 'shipping-address' };
      case 'billing_address':
        return { group: $('billing-address').hidden ? 'shipping-address' : 'billing-address' };
      case 'shipping_method':
        return { group: 'shipping_method' };
      case 'payment_method':
        return { group: 'payment_method' };
      case 'payment_source':
        return paymentSourceTarget();
      default:
        return null;
    }
  }

  function sentence(text) {
    const trimmed = String(text ?? '').trim();
    return trimmed ? trimmed[0].toUpperCase() + trimmed.slice(1) : t('something_wrong');
  }

  function labelOf(target) {
    if (target.group)
      return t(GROUP_LABELS[target.group]);
    const label = document.querySelector(`label[for="${target.field}"]`)?.firstChild?.textContent?.trim() ?? '';
    const legend = $(target.field).closest('fieldset.address')?.querySelector('legend')?.textContent;
    return legend ? `${legend}: ${label}` : label;
  }

  function clearErrors() {
    $('error-summary').hidden = true;
    $('error-list').replaceChildren();
    for (const node of document.querySelectorAll('.error')) {
      node.hidden = true;
      node.textContent = '';
    }
    for (const input of document.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      describe(input, null);
    }
  }

  function clearGroupError(group) {
    const node = $(GROUP_ERRORS[group]);
    node.hidden = true;
    node.textContent = '';
    for (const input of $(GROUP_FIELDSETS[group]).querySelectorAll('input[type="radio"]'))
      input.removeAttribute('aria-invalid');
  }

  /** aria-describedby: the field's hint (if any) and its error (if any). */
  function describe(input, errorId) {
    const hint = $(`${input.id}-hint`) ? `${input.id}-hint` : null;
    const ids = [hint, errorId].filter(Boolean);
    if (ids.length)
      input.setAttribute('aria-describedby', ids.join(' '));
    else
      input.removeAttribute('aria-describedby');
  }

  function addMessage(node, text) {
    node.textContent = node.textContent ? `${node.textContent} ${text}` : text;
    node.hidden = false;
  }

  /** API errors as problems to show: each with its target (or none: the summary only) and its text. */
  function fromApi(context, errors) {
    return errors.map((error) => {
      let detail = sentence(error.detail ?? error.title);
      if (error.code === 'PAYMENT_DECLINED')
        detail = `${t('declined')} ${cardEntry() === 'test' ? t('declined_retry_test') : t('declined_retry')}`;
      return { target: targetOf(context, error), detail };
    });
  }

  /**
   * What the page can tell before asking the API: required fields left empty, a malformed email, no method
   * chosen. Everything else (postal codes, countries served, declines…) comes from the API's errors.
   */
  function localProblems() {
    const problems = [];
    const email = $('customer_email');
    if (email.value.trim() === '')
      problems.push({ target: { field: 'customer_email' }, detail: t('enter_email') });
    else if (email.validity.typeMismatch)
      problems.push({ target: { field: 'customer_email' }, detail: t('email_like') });
    const prefixes = [];
    if (state.requiresShipping)
      prefixes.push('shipping');
    if (!state.requiresShipping || !$('billing-same').checked)
      prefixes.push('billing');
    for (const prefix of prefixes) {
      // A company may stand in for the person's names, as the API allows.
      const company = $(`${prefix}-company`).value.trim() !== '';
      for (const name of ADDRESS_FIELDS) {
        const control = $(`${prefix}-${name}`);
        if (company && (name === 'first_name' || name === 'last_name'))
          continue;
        if (control.required && control.value.trim() === '') {
          const label = document.querySelector(`label[for="${control.id}"]`).firstChild.textContent.trim();
          problems.push({ target: { field: control.id }, detail: name === 'country_code' ? t('choose_a_country') : t('enter_field', { field: label }) });
        }
      }
    }
    if (state.requiresShipping && !checkedValue('shipping_method'))
      problems.push({ target: { group: 'shipping_method' }, detail: t('choose_shipping') });
    const entry = cardEntry();
    const hasToken = state.paymentSource?.type === 'external_payments';
    if (!selectedPaymentMethod())
      problems.push({ target: { group: 'payment_method' }, detail: t('choose_payment') });
    else if (entry === 'test' && !checkedValue('test_card') && !hasToken)
      problems.push({ target: { group: 'test-card' }, detail: t('choose_test_card') });
    else if (entry === 'token' && !hasToken && $('payment_source_token').value.trim() === '')
      problems.push({ target: { field: 'payment_source_token' }, detail: t('enter_token') });
    return problems;
  }

  /** Shows every problem: next to its field or group where it has one, and all of them in the summary, which gets focus. */
  function showErrors(problems) {
    clearErrors();
    const list = $('error-list');
    for (const { target, detail } of problems) {
      const li = element('li');
      if (target) {
        const focusId = target.field ?? firstControlOf(target.group);
        if (target.field) {
          const input = $(target.field);
          input.setAttribute('aria-invalid', 'true');
          describe(input, `${target.field}-error`);
          addMessage($(`${target.field}-error`), detail);
        } else {
          addMessage($(GROUP_ERRORS[target.group]), detail);
          if (GROUP_FIELDSETS[target.group])
            for (const input of $(GROUP_FIELDSETS[target.group]).querySelectorAll('input[type="radio"]'))
              input.setAttribute('aria-invalid', 'true');
        }
        const a = element('a', `${labelOf(target)}: ${detail}`);
        a.href = `#${focusId}`;
        a.dataset.focus = focusId;
        li.append(a);
      } else {
        li.textContent = detail;
      }
      list.append(li);
    }
    $('error-summary').hidden = false;
    status(problems.length === 1 ? t('not_placed_one') : t('not_placed_many', { count: problems.length }));
    $('error-summary').focus();
  }

  function firstControlOf(group) {
    const fieldset = $(GROUP_FIELDSETS[group] ?? group);
    const control = fieldset.querySelector('input:checked:not([disabled]), input:not([type="radio"]):not([disabled]), select, input:not([disabled])');
    return control?.id ?? fieldset.id;
  }

  // ---- saving and placing ---------------------------------------------------------------------

  function addressAttributes(prefix) {
    const attributes = {};
    for (const name of ADDRESS_FIELDS) {
      const value = $(`${prefix}-${name}`).value.trim();
      attributes[name] = value === '' ? null : value;
    }
    return attributes;
  }

  /** Creates the address, or changes the one made before; its id, or null after adding its errors to problems. */
  async function saveAddress(prefix, problems) {
    const id = state.addressIds[prefix];
    const attributes = addressAttributes(prefix);
    const response = id
      ? await api('PATCH', `/addresses/${encodeURIComponent(id)}`, { data: { type: 'addresses', id, attributes } })
      : await api('POST', '/addresses', { data: { type: 'addresses', attributes } });
    if (response.ok) {
      state.addressIds[prefix] = response.body.data.id;
      return response.body.data.id;
    }
    if (id && (response.status === 404 || response.status === 403)) {
      // That address cannot be changed any more (e.g. a copy that belongs elsewhere): make a new one.
      state.addressIds[prefix] = null;
      return saveAddress(prefix, problems);
    }
    problems.push(...fromApi(prefix, response.errors));
    return null;
  }

  /** The token to send: the test card chosen, or the token typed (emptied once read); '' when none. */
  function takeToken() {
    if (cardEntry() === 'test') {
      const choice = document.querySelector('input[name="test_card"]:checked');
      if (!choice)
        return '';
      // Chosen once per attempt: after a decline the shopper chooses again.
      choice.checked = false;
      return choice.value;
    }
    const input = $('payment_source_token');
    const token = input.value.trim();
    input.value = '';
    return token;
  }

  /** The order's payment source for the chosen method: a token (sent once, then cleared) or a wire transfer. */
  async function savePaymentSource(method) {
    const type = method.attributes.payment_source_type;
    const current = state.paymentSource?.type === type ? state.paymentSource.id : null;
    if (type === 'wire_transfers') {
      if (current)
        return null;
      const response = await api('POST', '/wire_transfers', { data: { type, relationships: { order: link('orders', state.orderId) } } });
      if (response.ok)
        state.paymentSource = { type, id: response.body.data.id };
      return response;
    }
    if (type !== 'external_payments')
      return null;
    // The token is not kept on the page once sent: the field is emptied whatever the answer.
    const token = takeToken();
    if (current && token === '')
      return null;
    const response = current
      ? await api('PATCH', `/external_payments/${encodeURIComponent(current)}`, { data: { type, id: current, attributes: { payment_source_token: token } } })
      : await api('POST', '/external_payments', { data: { type, attributes: { payment_source_token: token }, relationships: { order: link('orders', state.orderId) } } });
    if (response.ok && !current)
      state.paymentSource = { type, id: response.body.data.id };
    return response;
  }

  async function placeSteps() {
    const problems = localProblems();
    if (problems.length > 0)
      return showErrors(problems);
    const same = state.requiresShipping && $('billing-same').checked;
    const shippingId = state.requiresShipping ? await saveAddress('shipping', problems) : null;
    const billingId = same ? null : await saveAddress('billing', problems);
    if (problems.length > 0)
      return showErrors(problems);

    // Email, addresses and methods in one change of the order.
    const attributes = { customer_email: $('customer_email').value.trim() || null };
    const relationships = {};
    if (state.requiresShipping) {
      relationships.shipping_address = link('addresses', shippingId);
      if (same)
        attributes._billing_address_same_as_shipping = true;
      const shippingMethod = checkedValue('shipping_method');
      if (shippingMethod)
        relationships.shipping_method = link('shipping_methods', shippingMethod);
    }
    if (!same)
      relationships.billing_address = link('addresses', billingId);
    const method = selectedPaymentMethod();
    if (method)
      relationships.payment_method = link('payment_methods', method.id);
    let response = await api('PATCH', orderPath(), { data: { type: 'orders', id: state.orderId, attributes, relationships } });
    if (!response.ok)
      return afterFailure(response, 'order');
    applyOrder(response.body);
    renderSummary();

    if (method) {
      response = await savePaymentSource(method);
      updatePaymentFields();
      if (response && !response.ok)
        return afterFailure(response, 'payment_source');
    }

    // Place. The key stays the same while the answer may not have been stored (no answer, 5xx, 409), so
    // that a retry of this attempt is recognised; any stored answer ends the attempt.
    state.placeKey ??= newIdempotencyKey();
    response = await api('PATCH', orderPath(), { data: { type: 'orders', id: state.orderId, attributes: { _place: true } } },
      { 'Idempotency-Key': state.placeKey });
    if (response.ok) {
      state.placeKey = null;
      applyOrder(response.body);
      return showConfirmation(true);
    }
    const retriable = response.network || response.status >= 500 || response.status === 409;
    if (!retriable)
      state.placeKey = null;
    return afterFailure(response, 'order');
  }

  async function afterFailure(response, context) {
    const refusedByStatus = response.errors.some((e) => e.source?.pointer === '/data/attributes/status');
    if (response.network || response.status === 409 || response.status === 403 || refusedByStatus) {
      // Perhaps placed by an earlier attempt (409 while placing, 422 at the status once placed), or changed
      // elsewhere: look before saying anything.
      const current = await api('GET', orderPath());
      if (current.ok) {
        applyOrder(current.body);
        if (PLACED.includes(current.body.data.attributes.status))
          return showConfirmation(true);
        renderSummary();
      }
    }
    return showErrors(fromApi(context, response.errors));
  }

  async function place() {
    if (state.busy || state.placed)
      return;
    state.busy = true;
    const button = $('place-order');
    button.disabled = true;
    button.textContent = t('placing_order');
    clearErrors();
    status(t('placing_status'));
    try {
      await serial(placeSteps);
    } catch (error) {
      showErrors([{ target: null, detail: error instanceof Problem ? error.message : t('something_wrong_retry') }]);
    } finally {
      state.busy = false;
      if (!state.placed) {
        button.disabled = false;
        button.textContent = t('place_order');
      }
    }
  }

  /** A method chosen: saved at once, so that the totals show its price. */
  async function saveChoice(name, type, id) {
    clearGroupError(name);
    status(t('updating_totals'));
    const response = await serial(() => api('PATCH', orderPath(),
      { data: { type: 'orders', id: state.orderId, relationships: { [name]: link(type, id) } } }));
    if (state.placed)
      return;
    if (response.ok) {
      applyOrder(response.body);
      renderSummary();
      updatePaymentFields();
      status(t('totals_updated', { total: toPay() }));
    } else {
      const target = targetOf('order', response.errors[0]) ?? { group: name };
      addMessage($(GROUP_ERRORS[target.group] ?? GROUP_ERRORS[name]), sentence(response.errors[0]?.detail));
      status(t('choice_not_saved'));
    }
  }

  // ---- start ----------------------------------------------------------------------------------

  function toggleSummary() {
    const button = $('summary-toggle');
    const expanded = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(expanded));
    $('checkout').classList.toggle('summary-open', expanded);
    $('summary-toggle-text').textContent = t(expanded ? 'hide_summary' : 'show_summary');
  }

  function wire() {
    $('checkout-form').addEventListener('submit', (event) => {
      event.preventDefault();
      place();
    });
    $('summary-toggle').addEventListener('click', toggleSummary);
    $('billing-same').addEventListener('change', (event) => {
      $('billing-address').hidden = event.target.checked;
    });
    $('shipping-country_code').addEventListener('change', () => {
      updateShippingChoices();
      preselectCheapest();
    });
    $('billing-country_code').addEventListener('change', () => updateHints('billing'));
    $('shipping-method-options').addEventListener('change', (event) => {
      if (event.target.name === 'shipping_method')
        saveChoice('shipping_method', 'shipping_methods', event.target.value).catch(() => status(t('choice_not_saved')));
    });
    $('payment-method-options').addEventListener('change', (event) => {
      if (event.target.name !== 'payment_method')
        return;
      state.placeKey = null;
      updatePaymentFields();
      saveChoice('payment_method', 'payment_methods', event.target.value).catch(() => status(t('choice_not_saved')));
    });
    $('test-card').addEventListener('change', () => {
      state.placeKey = null;
      clearGroupError('test-card');
    });
    $('payment_source_token').addEventListener('input', () => {
      state.placeKey = null;
    });
    $('apply-code').addEventListener('click', () => applyCode().catch(() => status(t('code_not_applied'))));
    $('code').addEventListener('keydown', (event) => {
      // Enter applies the code; it does not place the order.
      if (event.key === 'Enter') {
        event.preventDefault();
        applyCode().catch(() => status(t('code_not_applied')));
      }
    });
    $('applied-codes').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-attribute]');
      if (button)
        removeCode(button.dataset.attribute).catch(() => status(t('code_not_applied')));
    });
    $('error-list').addEventListener('click', (event) => {
      const target = event.target.closest('a[data-focus]');
      if (!target)
        return;
      event.preventDefault();
      const control = $(target.dataset.focus);
      control?.scrollIntoView({ block: 'center' });
      control?.focus();
    });
  }

  async function start() {
    wire();
    if (!state.orderId || state.orderId === 'checkout') {
      await loadTexts(pageLanguage(navigator.language));
      return showProblem(t('not_found_title'), t('not_found_no_id'));
    }
    let response;
    try {
      // The order and the shop's branding together: one token, two requests in parallel.
      [response] = await Promise.all([api('GET', orderPath()), loadOrganization()]);
    } catch (error) {
      await loadTexts(pageLanguage(navigator.language));
      return showProblem(t('unavailable_title'), error instanceof Problem ? error.message : t('try_later'));
    }
    if (!response.ok) {
      await loadTexts(pageLanguage(navigator.language));
      renderBrand();
      return response.status === 404
        ? showProblem(t('not_found_title'), t('not_found_text'))
        : showProblem(t('not_loaded_title'), sentence(response.errors[0]?.detail));
    }
    applyOrder(response.body);
    await loadTexts(pageLanguage(response.body.data.attributes.language_code));
    renderBrand();
    const order = response.body.data.attributes;
    if (PLACED.includes(order.status))
      return showConfirmation(false);
    if (order.status === 'cancelled')
      return showProblem(t('cancelled_title'), t('cancelled_text'));
    if (order.status === 'placing')
      return showProblem(t('placing_title'), t('placing_text'));
    if (skuLines().length === 0)
      return showProblem(t('empty_title'), t('empty_text'));
    renderCheckout();
  }

  start();
})();
