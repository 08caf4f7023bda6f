-- wrk script of the soak test: cycles through the customer ids, and checks
-- every response against the segments its model version must give that
-- customer (expected.lua, written by make_models.php).
local dir = os.getenv("SOAK_DIR")
local expected = dofile(dir .. "/expected.lua")
local ids = dofile(dir .. "/ids.lua")
local path = os.getenv("SOAK_PATH") or "/page.php"
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  ok, bad, status_bad, n = 0, 0, 0, id * 7919
  first_bad = ""
end

function request()
  n = n + 1
  return wrk.format("GET", path .. "?c=" .. ids[(n % #ids) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    status_bad = status_bad + 1
    return
  end
  local v, c, s = body:match('^{"v":"([^"]*)","c":"([^"]*)","s":(%b[]),"pid":%d+}$')
  if path ~= "/page.php" then
    ok = ok + 1
    return
  end
  local want = v and expected[v] and expected[v][c]
  if want ~= nil and want == s then
    ok = ok + 1
    _G["count_" .. v] = (_G["count_" .. v] or 0) + 1
  else
    bad = bad + 1
    if first_bad == "" then first_bad = body end
  end
end

function done(summary, latency, requests)
  local tok, tbad, tstatus, first = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    tok = tok + t:get("ok")
    tbad = tbad + t:get("bad")
    tstatus = tstatus + t:get("status_bad")
    if first == "" then first = t:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format("SOAK requests=%d ok=%d bad=%d status_bad=%d connect=%d read=%d write=%d timeout=%d rps=%.1f\n",
    summary.requests, tok, tbad, tstatus, e.connect, e.read, e.write, e.timeout,
    summary.requests / (summary.duration / 1e6)))
  if first ~= "" then io.write("SOAK first_bad=" .. first .. "\n") end
  -- responses per model version (the versions expected.lua knows, v1 .. vK)
  local parts = {}
  for i = 1, 1000 do
    local key = "count_v" .. i
    if expected["v" .. i] == nil then break end
    local c = 0
    for _, t in ipairs(threads) do c = c + (t:get(key) or 0) end
    table.insert(parts, "v" .. i .. "=" .. c)
  end
  io.write("SOAK versions " .. table.concat(parts, " ") .. "\n")
end
