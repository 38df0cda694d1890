-- wrk script: every request creates a new need (POST /api/v1/hubs/{slug}/needs) with a unique description.
-- Environment: KIN_TOKEN (bearer token of a hub member), KIN_HUB (hub slug, default "bench").
local token = os.getenv("KIN_TOKEN") or error("KIN_TOKEN is not set")
local hub = os.getenv("KIN_HUB") or "bench"
local path = "/api/v1/hubs/" .. hub .. "/needs"
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. token,
}

local next_thread = 0
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

local n = 0
function request()
  n = n + 1
  local body = string.format(
    '{"category":"food","description":"bench need %d-%d","quantity":1}', thread_id or 0, n)
  return wrk.format("POST", path, headers, body)
end
