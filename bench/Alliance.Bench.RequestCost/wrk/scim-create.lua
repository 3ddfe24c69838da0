-- SCIM user creates, each a new employee: wrk -s scim-create.lua http://host:port/scim/v2/Users -- <run-id>
-- userNames (and employee numbers) are unique per run, wrk thread and request.
dofile("report.lua")

local next_thread = 0
function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

local prefix
local counter = 0
function init(args)
  prefix = string.format("rc-%s-%d", args[1] or "run", thread_index or 0)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/scim+json"
end

local families = { "张", "王", "李", "刘", "陈", "杨", "赵", "黄" }
local givens = { "伟", "芳", "娜", "敏", "静", "强", "磊", "洋" }
local departments = { "财务部", "人力资源部", "生产部", "党群工作部", "市场部", "信息技术部" }

function request()
  counter = counter + 1
  local id = prefix .. "-" .. counter
  local family = families[counter % #families + 1]
  local given = givens[math.floor(counter / #families) % #givens + 1]
  local body = string.format([[{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],]]
    .. [["userName":"%s@bench.example","externalId":"%s","displayName":"%s%s","name":{"familyName":"%s","givenName":"%s"},"active":true,]]
    .. [["emails":[{"value":"%s@bench.example","type":"work","primary":true}],]]
    .. [["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"%s","department":"%s"}}]],
    id, id, family, given, family, given, id, id, departments[counter % #departments + 1])
  return wrk.format(nil, nil, nil, body)
end
