-- wrk script: POST /api/score with a 10 KB Danish letter (the example
-- letters repeated), the load `klarbrev serve` is measured with.
local f = io.open(os.getenv("KLARBREV_LETTER") or "examples/indkaldelse-samtale.txt", "r")
local letter = f:read("*a")
f:close()
while #letter < 10240 do letter = letter .. "\n\n" .. letter end
letter = letter:sub(1, 10240)
-- cut at a line end so no UTF-8 character is split
letter = letter:sub(1, letter:find("\n[^\n]*$") or #letter)
local function escape(s)
  return (s:gsub('[%c"\\]', function(c)
    if c == "\n" then return "\\n" end
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text":"' .. escape(letter) .. '","format":"txt"}'
