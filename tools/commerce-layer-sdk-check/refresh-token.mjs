// Commerce Layer's SDK refreshing an expired access token through its `refreshToken` hook, against a running Commerce
// service started with short-lived tokens (Auth__AccessTokenLifetimeMinutes=1). The SDK retries a request once with a new
// token when the answer is 401 with the code INVALID_TOKEN and the token's `exp` has passed. Only the base URL is
// redirected, as in flow.mjs.
//
//   Auth__AccessTokenLifetimeMinutes=1 dotnet run --project src/Commerce.Api
//   cd tools/commerce-layer-sdk-check && npm ci && node refresh-token.mjs [http://127.0.0.1:5000]
//
// Waits for the first token to expire (its lifetime plus the service's 30 s clock skew), so it takes about 95 seconds.
import { CommerceLayer } from '@commercelayer/sdk/bundle'

const service = (process.argv[2] || process.env.COMMERCE_URL || 'http://127.0.0.1:5000').replace(/\/$/, '')
const clOrigin = 'https://demo-store.commercelayer.io'
const requests = []
const redirectingFetch = async (url, init) => {
  const target = service + String(url).slice(clOrigin.length)
  const response = await fetch(target, init)
  requests.push(`${init?.method || 'GET'} ${target.slice(service.length)} -> ${response.status}`)
  return response
}
const token = async () => {
  const response = await fetch(`${service}/oauth/token`, {
    method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-sales-channel' }),
  })
  return (await response.json()).access_token
}

const first = await token()
const exp = JSON.parse(atob(first.split('.')[1])).exp
let refreshed = 0
const cl = CommerceLayer({
  organization: 'demo-store', domain: 'commercelayer.io', accessToken: first, fetch: redirectingFetch,
  refreshToken: async () => { refreshed++; return token() },
})
await cl.organization.retrieve()
const wait = Math.max(0, exp * 1000 + 31_000 - Date.now())
console.log(`token expires at ${new Date(exp * 1000).toISOString()}; waiting ${Math.round(wait / 1000)} s`)
await new Promise((resolve) => setTimeout(resolve, wait))
let ok = false
try {
  const skus = await cl.skus.list({ fields: ['code'] })
  ok = refreshed === 1 && skus.length > 0 && cl.currentAccessToken !== first
} catch (error) {
  console.log(`FAIL: ${error.message} ${JSON.stringify(error.errors ?? [])}`)
}
console.log(requests.join('\n'))
console.log(`${ok ? 'PASS' : 'FAIL'} refreshToken called ${refreshed} time(s); the request was retried with the new token`)
process.exit(ok ? 0 : 1)
