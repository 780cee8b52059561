-- wrk script for the soak: in turn, the sample endpoint with the valid token and with a tampered
-- one, the session, an invalid session, a link attempt for the already linked mailbox (the local
-- password is checked, then 409) and the liveness probe. Expected refusals (401, 409) are part of
-- the mix; an error is a 5xx or a socket error, counted across threads and printed at the end.
local token = os.getenv("TOKEN")
local password = os.getenv("PASSWORD")
local requests = {}
local n = 0
errors = 0 -- a global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local tampered = token:sub(1, -6) .. (token:sub(-5, -5) == "A" and "B" or "A") .. token:sub(-4)
  local json = { ["Content-Type"] = "application/json" }
  requests[1] = wrk.format("POST", "/IdentityTestService/UnpackTokenJSON", json, '{"token":"' .. token .. '"}')
  requests[2] = wrk.format("POST", "/IdentityTestService/UnpackTokenJSON", json, '{"token":"' .. tampered .. '"}')
  requests[3] = wrk.format("POST", "/api/session",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, "")
  requests[4] = wrk.format("POST", "/api/session",
    { ["Authorization"] = "Bearer " .. tampered, ["Content-Type"] = "application/json" }, "")
  requests[5] = wrk.format("POST", "/api/links",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"username":"admin","password":"' .. password .. '"}')
  requests[6] = wrk.format("GET", "/api/health/live")
end

function request()
  n = n + 1
  -- The link attempt (a PBKDF2 hash) only every 50th request, so that hashing does not drown the rest.
  if n % 50 == 0 then
    return requests[5]
  end
  local others = { 1, 2, 3, 4, 6 }
  return requests[others[(n % 5) + 1]]
end

function response(status, headers, body)
  if status >= 500 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("errors")
  end
  io.write(string.format("5xx: %d\n", total))
  io.write(string.format("socket errors: %d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
