// A storefront flow in Commerce Layer's style, run with Commerce Layer's own SDK (@commercelayer/sdk, pinned in
// package.json) against a running Commerce service. The only redirection is the SDK's base URL: the SDK always calls
// https://<organization>.commercelayer.io/api/…, and the `fetch` option it offers (its own seam for a custom fetch)
// rewrites that origin to the service's. Paths, query strings, headers and bodies go out as the SDK builds them.
//
//   cd tools/commerce-layer-sdk-check && npm ci && node flow.mjs [http://127.0.0.1:5000]
//
// Tokens come from POST /oauth/token with plain fetch (the SDK has no token client; CL's is @commercelayer/js-auth).
// Exit code 0 when every step passed, 1 otherwise; each step prints PASS or FAIL, a failure with the request the SDK
// sent and the service's answer. --trace (or TRACE=1) also prints every request the SDK sent, with the status.
import { CommerceLayer } from '@commercelayer/sdk/bundle'

const service = (process.argv.slice(2).find((a) => !a.startsWith('--')) || process.env.COMMERCE_URL || 'http://127.0.0.1:5000').replace(/\/$/, '')
const organization = 'demo-store'
const clOrigin = `https://${organization}.commercelayer.io`
const salesChannelId = process.env.SALES_CHANNEL_ID || 'demo-sales-channel'
const integrationId = process.env.INTEGRATION_ID || 'demo-integration'
const integrationSecret = process.env.INTEGRATION_SECRET || 'demo-integration-secret'
const marketScope = process.env.MARKET_SCOPE || 'market:code:europe'
const skuCodes = ['HOODIEUL000000E63E74LXXX', 'MUGXXXXX000000FFFFFFXXXX']

// The last request the SDK made, to show with a failure.
let lastRequest
const trace = process.argv.includes('--trace') || process.env.TRACE === '1'
const redirectingFetch = async (url, init) => {
  const original = String(url)
  if (!original.startsWith(clOrigin + '/')) throw new Error(`unexpected URL ${original}`)
  const target = service + original.slice(clOrigin.length)
  lastRequest = { method: init?.method || 'GET', url: target, headers: init?.headers, body: init?.body }
  const response = await fetch(target, init)
  if (trace) console.log(`     ${lastRequest.method} ${decodeURIComponent(target.slice(service.length))} -> ${response.status}${init?.body ? ` ${init.body}` : ''}`)
  return response
}

const results = []
const step = async (name, run) => {
  try {
    const detail = await run()
    results.push({ name, ok: true })
    console.log(`PASS ${name}${detail ? `: ${detail}` : ''}`)
  } catch (error) {
    results.push({ name, ok: false })
    console.log(`FAIL ${name}: ${error.message}`)
    if (error.errors?.length) console.log(`     status ${error.status}; errors: ${JSON.stringify(error.errors)}`)
    if (lastRequest) {
      console.log(`     request: ${lastRequest.method} ${lastRequest.url}`)
      if (lastRequest.body) console.log(`     body: ${lastRequest.body}`)
    }
  }
}
const check = (condition, message) => { if (!condition) throw new Error(message) }

const token = async (form) => {
  const response = await fetch(`${service}/oauth/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  })
  const body = await response.json()
  check(response.ok, `POST /oauth/token: ${response.status} ${JSON.stringify(body)}`)
  return body
}

let salesChannelToken, integrationToken
await step('sales channel token (scope market:code:europe, plain fetch)', async () => {
  const body = await token({ grant_type: 'client_credentials', client_id: salesChannelId, scope: marketScope })
  check(body.scope === marketScope, `scope echoed as ${body.scope}`)
  salesChannelToken = body.access_token
  return `scope ${body.scope}`
})
if (!salesChannelToken) process.exit(1)

// organization and domain given explicitly: the SDK would otherwise derive the domain from the token's `iss`
// (stripping "https://auth."), which is CL's issuer shape, not ours.
const cl = CommerceLayer({ organization, domain: 'commercelayer.io', accessToken: salesChannelToken, fetch: redirectingFetch })

await step('organization.retrieve()', async () => {
  const org = await cl.organization.retrieve()
  check(org.type === 'organizations' && org.slug, 'no organization')
  return `${org.name} (${org.slug}), primary_color ${org.primary_color}`
})

const skusById = {}
await step('skus.list fields id,code,name,inventory, filter code_in', async () => {
  const skus = await cl.skus.list({ fields: ['id', 'code', 'name', 'inventory'], filters: { code_in: skuCodes } })
  check(skus.length === 2, `${skus.length} skus`)
  for (const sku of skus) skusById[sku.id] = sku
  const hoodie = skus.find((s) => s.code === skuCodes[0])
  check(hoodie?.inventory?.available === true, `inventory ${JSON.stringify(hoodie?.inventory)}`)
  return skus.map((s) => `${s.code} "${s.name}" available=${s.inventory?.available}`).join('; ') + ` (meta recordCount ${skus.meta.recordCount})`
})

await step('skus.list include prices, fields per type, sort, pageSize; skus.count()', async () => {
  const skus = await cl.skus.list({
    include: ['prices'], fields: { skus: ['code', 'name', 'prices'], prices: ['currency_code', 'formatted_amount', 'formatted_compare_at_amount'] },
    sort: { code: 'asc' }, pageSize: 25,
  })
  const hoodie = skus.find((s) => s.code === skuCodes[0])
  check(hoodie?.prices?.length > 0, `prices ${JSON.stringify(hoodie?.prices)}`)
  const count = await cl.skus.count({ code_in: skuCodes })
  check(count === 2, `count ${count}`)
  return `${skus.length} skus; hoodie ${hoodie.prices.map((p) => `${p.currency_code} ${p.formatted_amount}`).join(', ')}; count(code_in) ${count}`
})

await step('prices.list filter sku_code_in', async () => {
  const prices = await cl.prices.list({ filters: { sku_code_in: skuCodes } })
  check(prices.length === 2, `${prices.length} prices`)
  check(prices.every((p) => p.currency_code === 'EUR'), 'not only the market\'s currency')
  return prices.map((p) => `${p.sku_code} ${p.formatted_amount} (${p.amount_cents}, ${p.amount_float})`).join('; ')
})

await step('a refusal reaches the SDK as ApiError (422 with code and source.pointer)', async () => {
  try {
    await cl.orders.create({ place_async: true })
  } catch (error) {
    check(cl.isApiError(error), `not an ApiError: ${error}`)
    const first = error.first()
    check(error.status === 422 && first?.source?.pointer === '/data/attributes/place_async', JSON.stringify(error.errors))
    return `${error.status} ${first.code} at ${first.source.pointer} (an attribute we do not serve)`
  }
  throw new Error('an unknown attribute was accepted')
})

let order
const email = `sdk-${Date.now()}@example.com`
await step('orders.create without currency_code (language_code, cart_url, return_url)', async () => {
  order = await cl.orders.create({ language_code: 'en', cart_url: 'https://shop.example/cart', return_url: 'https://shop.example/thanks' })
  check(order.currency_code === 'EUR', `currency ${order.currency_code}`)
  return `order ${order.id}, ${order.status}, ${order.currency_code}`
})
if (!order) process.exit(1)

await step('line_items.create item_type skus + sku_code (_update_quantity)', async () => {
  const line = await cl.line_items.create({
    item_type: 'skus', sku_code: skuCodes[0], quantity: 2, _update_quantity: true, order: cl.orders.relationship(order.id),
  })
  return `${line.sku_code} x${line.quantity} ${line.formatted_total_amount}`
})

await step('line_items.create second line, line_items.update quantity, line_items.delete', async () => {
  const mug = await cl.line_items.create({ item_type: 'skus', sku_code: skuCodes[1], quantity: 1, order: cl.orders.relationship(order.id) })
  const changed = await cl.line_items.update({ id: mug.id, quantity: 3 })
  check(changed.quantity === 3, `quantity ${changed.quantity}`)
  await cl.line_items.delete(mug.id)
  return `created ${mug.id}, quantity 3, deleted`
})

await step('orders.line_items(orderId) relationship endpoint', async () => {
  const lines = await cl.orders.line_items(order.id, { fields: ['item_type', 'sku_code', 'quantity'] })
  check(lines.length === 1, `${lines.length} line items`)
  return lines.map((l) => `${l.item_type} ${l.sku_code} x${l.quantity}`).join('; ')
})

await step('orders.retrieve include line_items.item', async () => {
  const cart = await cl.orders.retrieve(order.id, {
    include: ['line_items.item'],
    fields: { orders: ['status', 'formatted_total_amount_with_taxes', 'line_items'], line_items: ['item_type', 'sku_code', 'quantity', 'item'], skus: ['id', 'code'] },
  })
  const line = cart.line_items?.find((l) => l.item_type === 'skus')
  check(line, `line items ${JSON.stringify(cart.line_items)}`)
  check(line.item?.type === 'skus' && line.item.code === skuCodes[0], `item ${JSON.stringify(line.item)}`)
  return `${cart.status}, ${cart.formatted_total_amount_with_taxes ?? cart.formatted_total_amount}; line item ${line.item.type} ${line.item.code}`
})

await step('orders.update customer_email', async () => {
  const updated = await cl.orders.update({ id: order.id, customer_email: email })
  check(updated.customer_email === email, `customer_email ${updated.customer_email}`)
  return updated.customer_email
})

let address
await step('addresses.create', async () => {
  address = await cl.addresses.create({
    first_name: 'Ada', last_name: 'Lovelace', line_1: 'Via Roma 1', city: 'Milano', zip_code: '20100', state_code: 'MI',
    country_code: 'IT', phone: '+39 02 1234567',
  })
  return address.id
})

await step('orders.update billing_address, _shipping_address_same_as_billing', async () => {
  const updated = await cl.orders.update({
    id: order.id, billing_address: cl.addresses.relationship(address.id), _shipping_address_same_as_billing: true,
  }, { include: ['billing_address', 'shipping_address'] })
  check(updated.billing_address?.id === address.id, `billing ${JSON.stringify(updated.billing_address)}`)
  check(updated.shipping_address?.id, 'no shipping address')
  return `billing ${updated.billing_address.id}, shipping ${updated.shipping_address.id}`
})

let shippingMethod, paymentMethod
await step('orders.retrieve include available_shipping_methods, available_payment_methods', async () => {
  const withMethods = await cl.orders.retrieve(order.id, { include: ['available_shipping_methods', 'available_payment_methods'] })
  shippingMethod = withMethods.available_shipping_methods?.[0]
  paymentMethod = withMethods.available_payment_methods?.find((m) => m.payment_source_type === 'wire_transfers')
  check(shippingMethod, `shipping methods ${JSON.stringify(withMethods.available_shipping_methods)}`)
  check(paymentMethod, `payment methods ${JSON.stringify(withMethods.available_payment_methods)}`)
  return `shipping "${shippingMethod.name}" ${shippingMethod.formatted_price_amount}; payment "${paymentMethod.name}" (${paymentMethod.payment_source_type})`
})

await step('orders.available_payment_methods(orderId) relationship endpoint', async () => {
  const methods = await cl.orders.available_payment_methods(order.id)
  check(methods.some((m) => m.payment_source_type === 'wire_transfers'), JSON.stringify(methods))
  return methods.map((m) => m.payment_source_type).join(', ')
})

await step('orders.update shipping_method, payment_method', async () => {
  const updated = await cl.orders.update({
    id: order.id, shipping_method: cl.shipping_methods.relationship(shippingMethod.id),
    payment_method: cl.payment_methods.relationship(paymentMethod.id),
  }, { include: ['shipping_method', 'payment_method'] })
  check(updated.payment_method?.id === paymentMethod.id, 'payment method not set')
  return `${updated.formatted_total_amount_with_taxes ?? updated.formatted_total_amount}`
})

await step('wire_transfers.create', async () => {
  const wire = await cl.wire_transfers.create({ order: cl.orders.relationship(order.id) })
  return wire.id
})

await step('orders._place', async () => {
  const placed = await cl.orders._place(order.id)
  check(placed.status === 'placed', `status ${placed.status}`)
  return `${placed.status}, number ${placed.number}, payment ${placed.payment_status}`
})

await step('integration token (client secret, plain fetch)', async () => {
  const body = await token({ grant_type: 'client_credentials', client_id: integrationId, client_secret: integrationSecret })
  integrationToken = body.access_token
})

if (integrationToken) {
  cl.config({ accessToken: integrationToken })
  await step('customers.list filter email_eq (the customer customer_email created)', async () => {
    const customers = await cl.customers.list({ filters: { email_eq: email } })
    check(customers.length === 1, `${customers.length} customers`)
    return `${customers[0].email} ${customers[0].status}, total_orders_count ${customers[0].total_orders_count}`
  })
  await step('orders._approve_and_capture (integration)', async () => {
    const captured = await cl.orders._approve_and_capture(order.id)
    check(captured.status === 'approved' && captured.payment_status === 'paid', `${captured.status}/${captured.payment_status}`)
    return `${captured.status}, ${captured.payment_status}`
  })
}

// A customer of the shop: created by the integration with a password, signed in with grant_type=password (CL's shape:
// username, password, the sales channel's client_id, the market scope), then its own data through the SDK.
const customerEmail = `sdk-customer-${Date.now()}@example.com`
let customer, customerToken
if (integrationToken) {
  await step('customers.create with password (integration)', async () => {
    customer = await cl.customers.create({ email: customerEmail, password: 'correct-horse-battery' })
    return `${customer.id} ${customer.email}`
  })
}
if (customer) {
  await step('customer token (grant_type=password, scope market:code:europe, plain fetch)', async () => {
    const body = await token({ grant_type: 'password', username: customerEmail, password: 'correct-horse-battery', client_id: salesChannelId, scope: marketScope })
    customerToken = body.access_token
    check(body.owner_id === customer.id || JSON.parse(atob(customerToken.split('.')[1])).owner?.id === customer.id, 'token owner is not the customer')
    return `owner ${customer.id}`
  })
}
if (customerToken) {
  cl.config({ accessToken: customerToken })
  await step('as the customer: customers.retrieve(own id), orders.create, addresses.create, customer_addresses.create/list', async () => {
    const me = await cl.customers.retrieve(customer.id)
    check(me.email === customerEmail, `email ${me.email}`)
    const own = await cl.orders.create({})
    check(own.currency_code === 'EUR', `currency ${own.currency_code}`)
    const home = await cl.addresses.create({ first_name: 'Ada', last_name: 'Lovelace', line_1: 'Via Roma 1', city: 'Milano', zip_code: '20100', country_code: 'IT', phone: '+39 02 1234567' })
    const entry = await cl.customer_addresses.create({ customer: cl.customers.relationship(customer.id), address: cl.addresses.relationship(home.id) })
    const book = await cl.customer_addresses.list({ include: ['address'] })
    check(book.length === 1 && book[0].address?.id === home.id, JSON.stringify(book))
    const cloned = await cl.orders.update({ id: own.id, _billing_address_clone_id: home.id, _shipping_address_same_as_billing: true }, { include: ['billing_address'] })
    check(cloned.billing_address && cloned.billing_address.id !== home.id, 'billing address not cloned')
    return `order ${own.id} (${own.currency_code}); book entry ${entry.id} "${book[0].name}"; billing address cloned as ${cloned.billing_address.id}`
  })
}

const failed = results.filter((r) => !r.ok)
console.log(`\n${results.length - failed.length}/${results.length} steps passed with @commercelayer/sdk against ${service}`)
process.exit(failed.length ? 1 : 0)
