-- Drives `briefcheck serve` from a real editor: headless Neovim 0.7+.
-- Run as: nvim --headless -u NONE -c 'luafile lsp_client.lua'
-- Environment: BRIEF (the Markdown file to open), OUT (where to write JSON),
-- SERVER_PYTHON (the Python that has briefcheck installed).
local brief = assert(os.getenv('BRIEF'), 'BRIEF not set')
local out = assert(os.getenv('OUT'), 'OUT not set')
local python = os.getenv('SERVER_PYTHON') or 'python3'
local result = { diagnostics = {}, after_fix = {}, errors = {} }

local function finish()
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local function record(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      source = d.source,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity,
    })
  end
  return items
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(brief))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'briefcheck',
    cmd = { python, '-m', 'briefcheck', 'serve' },
    root_dir = vim.fn.fnamemodify(brief, ':h'),
    init_options = { debounceMs = 50 },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50),
    'no diagnostics within 30 s')
  result.diagnostics = record(bufnr)

  -- Ask for the code actions on the "ASAP" diagnostic and apply its quick fix.
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'timeline/vague-acronym' then target = d end
  end
  assert(target, 'no timeline/vague-acronym diagnostic')
  local client = vim.lsp.get_client_by_id(client_id)
  local params = vim.lsp.util.make_given_range_params(
    { target.lnum + 1, target.col }, { target.end_lnum + 1, target.end_col - 1 }, bufnr,
    client.offset_encoding)
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum) }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local applied
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if not applied and action.title:match('^Replace') then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        applied = action.title
      end
    end
  end
  result.applied = applied
  result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  local fixed = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'timeline/vague-acronym' then return false end
    end
    return true
  end, 50)
  result.after_fix = record(bufnr)
  assert(fixed, 'the diagnostic stayed after the quick fix')
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
