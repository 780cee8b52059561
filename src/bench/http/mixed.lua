-- wrk script for the soak: the sample endpoint, the session and the liveness probe in turn.
local token = os.getenv("TOKEN")
local requests = {}
local n = 0

function init(args)
  requests[1] = wrk.format("POST", "/IdentityTestService/UnpackTokenJSON",
    { ["Content-Type"] = "application/json" }, '{"token":"' .. token .. '"}')
  requests[2] = wrk.format("POST", "/api/session",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, "")
  requests[3] = wrk.format("GET", "/api/health/live")
end

function request()
  n = n + 1
  return requests[(n % 3) + 1]
end
