// The hosted checkout page. A client of the public API only: a sales channel token from /oauth/token
// (the public client id comes in <meta name="commerce-client-id">), then JSON:API requests to /api.
// Money is never computed here: every amount shown is one of the API's formatted_ attributes.
// The access token lives in this closure only (not in storage): a reload simply asks for a new one.
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

  const $ = (id) => document.getElementById(id);

  const state = {
    clientId: document.querySelector('meta[name="commerce-client-id"]')?.content ?? '',
    orderId: orderIdFromPath(),
    accessToken: null,
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
      throw new Problem('The shop could not be reached. Check your connection and reload the page.');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body?.access_token)
      throw new Problem(response.status === 429
        ? 'Too many attempts: wait a minute and reload the page.'
        : 'The checkout could not sign in to the shop. Please try again later.');
    state.accessToken = body.access_token;
  }

  /** One request; never throws for an HTTP or network failure: { ok, status, body, errors, network }. */
  async function api(method, path, document, headers = {}, retried = false) {
    if (!state.accessToken)
      await fetchToken();
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
      return { ok: false, status: 0, network: true, body: null, errors: [{ detail: 'The shop could not be reached. Check your connection and try again.' }] };
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
      : [{ status: String(response.status), detail: `The shop answered with an error (${response.status}). Please try again.` }]);
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
    const items = many(order, 'line_items');
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

  function renderItems(list) {
    list.replaceChildren(...many(state.document.data, 'line_items').map((item) => {
      const a = item.attributes;
      const li = element('li');
      li.append(element('span', `${a.quantity} × ${a.name ?? a.sku_code}`, 'name'), element('span', a.formatted_total_amount, 'amount'));
      return li;
    }));
  }

  function renderTotals(list) {
    const a = state.document.data.attributes;
    const rows = [['Subtotal', a.formatted_subtotal_amount]];
    if (state.requiresShipping)
      rows.push(['Shipping', a.formatted_shipping_amount]);
    if (a.payment_method_amount_cents !== 0)
      rows.push(['Payment fee', a.formatted_payment_method_amount]);
    if (a.discount_amount_cents !== 0)
      rows.push(['Discount', a.formatted_discount_amount]);
    // The tax rate follows the country: until the order has an address there is nothing to say about tax.
    if (a.country_code)
      rows.push([a.tax_included ? 'Tax included' : 'Tax', a.formatted_total_tax_amount]);
    const nodes = rows.flatMap(([label, value]) => [element('dt', label), element('dd', value)]);
    nodes.push(element('dt', 'Total', 'grand'), element('dd', a.formatted_total_amount, 'grand'));
    list.replaceChildren(...nodes);
  }

  function renderSummary() {
    renderItems($('line-items'));
    renderTotals($('totals'));
    $('place-total').textContent = `Total to pay: ${state.document.data.attributes.formatted_total_amount}`;
  }

  function showProblem(title, text) {
    $('checkout').hidden = true;
    $('confirmation').hidden = true;
    $('problem-title').textContent = title;
    $('problem-text').textContent = text;
    $('problem').hidden = false;
    document.title = `${title} – Checkout`;
    status(title);
    $('problem').focus();
  }

  function showConfirmation(moveFocus) {
    state.placed = true;
    const a = state.document.data.attributes;
    $('checkout').hidden = true;
    $('problem').hidden = true;
    $('confirmation-number').textContent = String(a.number);
    const payment = one(state.document.data, 'payment_method');
    const notes = [];
    if (a.customer_email)
      notes.push(`Placed for ${a.customer_email}.`);
    if (payment?.attributes?.payment_source_type === 'wire_transfers')
      notes.push('Please pay by bank transfer.');
    $('confirmation-note').textContent = notes.join(' ');
    renderItems($('confirmation-items'));
    renderTotals($('confirmation-totals'));
    $('confirmation').hidden = false;
    document.title = `Order ${a.number} placed – Checkout`;
    status(`Your order is placed. Order number ${a.number}, total ${a.formatted_total_amount}.`);
    if (moveFocus)
      $('confirmation').focus();
    showRecommendations();
  }

  function formatMoney(cents, currency, language) {
    try {
      const format = new Intl.NumberFormat(language, { style: 'currency', currency });
      return format.format(cents / 10 ** format.resolvedOptions().maximumFractionDigits);
    } catch {
      return '';
    }
  }

  /** The order page's recommendations (GET /api/orders/:id/recommendations), below the confirmation; nothing when none or on error. */
  async function showRecommendations() {
    const { currency_code: currency, language_code: language } = state.document.data.attributes;
    const answer = await api('GET', `/orders/${encodeURIComponent(state.orderId)}/recommendations?include=prices`
      + '&fields[skus]=code,name,prices&fields[prices]=currency_code,amount_cents');
    const skus = answer.ok && Array.isArray(answer.body?.data) ? answer.body.data : [];
    if (skus.length === 0)
      return;
    const prices = new Map((answer.body.included ?? []).filter((r) => r.type === 'prices').map((r) => [r.id, r.attributes]));
    $('recommendation-list').replaceChildren(...skus.map((sku) => {
      const price = (sku.relationships?.prices?.data ?? []).map((p) => prices.get(p.id)).find((p) => p?.currency_code === currency);
      const li = element('li');
      li.append(element('span', sku.attributes.name ?? sku.attributes.code, 'name'), element('span', price ? formatMoney(price.amount_cents, currency, language) : '', 'amount'));
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
    const options = codes.map((code) => ({ code, label: name(code) })).sort((x, y) => x.label.localeCompare(y.label));
    const placeholder = element('option', 'Choose a country');
    placeholder.value = '';
    select.replaceChildren(placeholder, ...options.map(({ code, label }) => {
      const option = element('option', label);
      option.value = code;
      return option;
    }));
    select.value = selected && codes.includes(selected) ? selected : (codes.length === 1 ? codes[0] : '');
  }

  function shippingCountries() {
    const methods = state.shippingMethods;
    if (methods.length === 0 || methods.some((m) => (m.attributes.country_codes ?? []).length === 0))
      return COUNTRIES;
    return COUNTRIES.filter((code) => methods.some((m) => m.attributes.country_codes.includes(code)));
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

  function renderChoices(containerId, name, methods, selectedId) {
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
      const label = element('label', method.attributes.name);
      label.htmlFor = id;
      wrapper.append(input, label);
      return wrapper;
    }));
  }

  function checkedValue(name) {
    return document.querySelector(`input[name="${name}"]:checked`)?.value ?? null;
  }

  function selectedPaymentMethod() {
    const id = checkedValue('payment_method');
    return state.paymentMethods.find((m) => m.id === id) ?? null;
  }

  function tokenVisible() {
    return selectedPaymentMethod()?.attributes?.payment_source_type === 'external_payments';
  }

  function updatePaymentFields() {
    const method = selectedPaymentMethod();
    const type = method?.attributes?.payment_source_type;
    $('token-field').hidden = type !== 'external_payments';
    $('wire-note').hidden = type !== 'wire_transfers';
    const saved = state.paymentSource?.type === 'external_payments'
      ? ' A token is saved for this order: leave the field empty to use it again, or enter another.'
      : '';
    $('payment_source_token-hint').textContent = (method?.attributes?.gateway === 'test'
      ? 'The token your payment provider gave for the card. With the test gateway, tok_visa is approved and tok_chargeDeclined is declined.'
      : 'The token your payment provider gave for the card.') + saved;
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
      ? 'No shipping method is available for this order.'
      : `No shipping method delivers to ${countryNames()(country)}.`;
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

    renderChoices('shipping-method-options', 'shipping_method', state.shippingMethods, linkage(order, 'shipping_method')?.id);
    renderChoices('payment-method-options', 'payment_method', state.paymentMethods, linkage(order, 'payment_method')?.id);
    updateShippingChoices();
    updatePaymentFields();
    renderSummary();
    $('checkout').hidden = false;
    document.title = 'Checkout';
    status('');
  }

  // ---- errors ---------------------------------------------------------------------------------

  const GROUP_ERRORS = {
    'shipping-address': 'shipping-address-error',
    'billing-address': 'billing-address-error',
    shipping_method: 'shipping_method-error',
    payment_method: 'payment_method-error',
  };
  const GROUP_LABELS = {
    'shipping-address': 'Shipping address',
    'billing-address': 'Billing address',
    shipping_method: 'Shipping method',
    payment_method: 'Payment',
  };

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
      return tokenVisible() ? { field: 'payment_source_token' } : { group: 'payment_method' };
    if (attribute === 'customer_email')
      return { field: 'customer_email' };
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
        return tokenVisible() ? { field: 'payment_source_token' } : { group: 'payment_method' };
      default:
        return null;
    }
  }

  function sentence(text) {
    const trimmed = String(text ?? '').trim();
    return trimmed ? trimmed[0].toUpperCase() + trimmed.slice(1) : 'Something went wrong.';
  }

  function labelOf(target) {
    if (target.group)
      return GROUP_LABELS[target.group];
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
    for (const input of $(group === 'shipping_method' ? 'shipping-method' : 'payment-method').querySelectorAll('input[type="radio"]'))
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
        detail += ' Enter another payment token, or choose another payment method, and place the order again.';
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
      problems.push({ target: { field: 'customer_email' }, detail: 'Enter your email address.' });
    else if (email.validity.typeMismatch)
      problems.push({ target: { field: 'customer_email' }, detail: 'Enter an email address like name@example.com.' });
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
          const label = document.querySelector(`label[for="${control.id}"]`).firstChild.textContent.trim().toLowerCase();
          problems.push({ target: { field: control.id }, detail: name === 'country_code' ? 'Choose a country.' : `Enter the ${label}.` });
        }
      }
    }
    if (state.requiresShipping && !checkedValue('shipping_method'))
      problems.push({ target: { group: 'shipping_method' }, detail: 'Choose a shipping method.' });
    if (!selectedPaymentMethod())
      problems.push({ target: { group: 'payment_method' }, detail: 'Choose a payment method.' });
    else if (tokenVisible() && state.paymentSource?.type !== 'external_payments' && $('payment_source_token').value.trim() === '')
      problems.push({ target: { field: 'payment_source_token' }, detail: 'Enter the payment token.' });
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
          if (target.group === 'shipping_method' || target.group === 'payment_method')
            for (const input of $(target.group === 'shipping_method' ? 'shipping-method' : 'payment-method').querySelectorAll('input[type="radio"]'))
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
    status(problems.length === 1 ? 'The order was not placed: there is 1 problem.' : `The order was not placed: there are ${problems.length} problems.`);
    $('error-summary').focus();
  }

  function firstControlOf(group) {
    const fieldset = $(group === 'shipping_method' ? 'shipping-method' : group === 'payment_method' ? 'payment-method' : group);
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
    const input = $('payment_source_token');
    const token = input.value.trim();
    if (current && token === '')
      return null;
    // The token is not kept on the page once sent: the field is emptied whatever the answer.
    input.value = '';
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
    button.textContent = 'Placing order…';
    clearErrors();
    status('Placing your order…');
    try {
      await serial(placeSteps);
    } catch (error) {
      showErrors([{ target: null, detail: error instanceof Problem ? error.message : 'Something went wrong. Please try again.' }]);
    } finally {
      state.busy = false;
      if (!state.placed) {
        button.disabled = false;
        button.textContent = 'Place order';
      }
    }
  }

  /** A method chosen: saved at once, so that the totals show its price. */
  async function saveChoice(name, type, id) {
    clearGroupError(name);
    status('Updating the totals…');
    const response = await serial(() => api('PATCH', orderPath(),
      { data: { type: 'orders', id: state.orderId, relationships: { [name]: link(type, id) } } }));
    if (state.placed)
      return;
    if (response.ok) {
      applyOrder(response.body);
      renderSummary();
      updatePaymentFields();
      status(`Totals updated: ${response.body.data.attributes.formatted_total_amount} to pay.`);
    } else {
      const target = targetOf('order', response.errors[0]) ?? { group: name };
      addMessage($(GROUP_ERRORS[target.group] ?? GROUP_ERRORS[name]), sentence(response.errors[0]?.detail));
      status('The choice could not be saved.');
    }
  }

  // ---- start ----------------------------------------------------------------------------------

  function wire() {
    $('checkout-form').addEventListener('submit', (event) => {
      event.preventDefault();
      place();
    });
    $('billing-same').addEventListener('change', (event) => {
      $('billing-address').hidden = event.target.checked;
    });
    $('shipping-country_code').addEventListener('change', updateShippingChoices);
    $('shipping-method-options').addEventListener('change', (event) => {
      if (event.target.name === 'shipping_method')
        saveChoice('shipping_method', 'shipping_methods', event.target.value).catch(() => status('The choice could not be saved.'));
    });
    $('payment-method-options').addEventListener('change', (event) => {
      if (event.target.name !== 'payment_method')
        return;
      state.placeKey = null;
      updatePaymentFields();
      saveChoice('payment_method', 'payment_methods', event.target.value).catch(() => status('The choice could not be saved.'));
    });
    $('payment_source_token').addEventListener('input', () => {
      state.placeKey = null;
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
    if (!state.orderId || state.orderId === 'checkout')
      return showProblem('Order not found', 'This address names no order. Follow the checkout link the shop gave you.');
    let response;
    try {
      response = await api('GET', orderPath());
    } catch (error) {
      return showProblem('The checkout is not available', error instanceof Problem ? error.message : 'Please try again later.');
    }
    if (response.status === 404)
      return showProblem('Order not found', 'There is no order at this address. Check the link you followed, or ask the shop for a new one.');
    if (!response.ok)
      return showProblem('The order could not be loaded', sentence(response.errors[0]?.detail));
    applyOrder(response.body);
    const order = response.body.data.attributes;
    if (PLACED.includes(order.status))
      return showConfirmation(false);
    if (order.status === 'cancelled')
      return showProblem('This order was cancelled', 'It can no longer be placed. Ask the shop for a new checkout link.');
    if (order.status === 'placing')
      return showProblem('This order is being placed', 'Reload this page in a minute to see the confirmation.');
    if (many(response.body.data, 'line_items').length === 0)
      return showProblem('This order is empty', 'There is nothing to check out yet: add items in the shop first.');
    renderCheckout();
  }

  start();
})();
