-- wrk script: the find-a-run page around London, a different point for each request (10,000 in
-- all), so that nearly every request misses the output cache and does the real work.
counter = 0
request = function()
  counter = counter + 1
  local lat = 51.0 + (counter % 100) * 0.01
  local lon = -0.6 + (math.floor(counter / 100) % 100) * 0.01
  return wrk.format("GET", string.format("/groups?near=%.2f,%.2f&place=London", lat, lon))
end
