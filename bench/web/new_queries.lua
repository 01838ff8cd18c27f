-- wrk: each request searches for a spelling of the URL's words that no process has ranked
-- yet (cchc_news.public.search keeps a query's ranking per generation): the letters after
-- "q=" take the upper or lower case of the bits of a counter. 16 letters ("cai cach hanh
-- chinh") spell 65,536 queries; each run starts at random, its two threads half of them
-- apart, and a run makes a few thousand requests. The results are the same for every
-- spelling (the search folds case); only the words echoed in the page differ.
local threads = 0
math.randomseed(os.time())
local start = math.random(0, 65535)

function setup(thread)
    thread:set("first", start + threads * 32768)
    threads = threads + 1
end

local counter = 0

function request()
    counter = counter + 1
    local n = first + counter
    local path = wrk.path
    local start = path:find("q=", 1, true) + 2
    local varied = {path:sub(1, start - 1)}
    for i = start, #path do
        local char = path:sub(i, i)
        if char:match("%a") then
            if n % 2 == 1 then char = char:upper() end
            n = math.floor(n / 2)
        end
        varied[#varied + 1] = char
    end
    return wrk.format(nil, table.concat(varied))
end
