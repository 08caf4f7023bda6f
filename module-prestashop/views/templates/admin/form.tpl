<form method="post" action="{$seg_url|escape:'html':'UTF-8'}" class="form-horizontal" id="segment-form">
  <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}">
  <input type="hidden" name="segment_action" value="saveSegment">
  <input type="hidden" name="id_segment" value="{$values.id_segment|intval}">
  <div class="panel">
    <div class="panel-heading">{if $values.id_segment}{l s='Edit segment' d='Modules.Segment.Admin'}{else}{l s='New segment' d='Modules.Segment.Admin'}{/if}</div>
    {foreach ['code' => 'Code', 'name' => 'Name', 'priority' => 'Priority'] as $field => $label}
    <div class="form-group{if isset($errors[$field])} has-error{/if}">
      <label class="control-label col-lg-2" for="segment-{$field}">{$label|escape:'html':'UTF-8'}</label>
      <div class="col-lg-6">
        <input type="text" class="form-control" id="segment-{$field}" name="{$field}" value="{$values[$field]|escape:'html':'UTF-8'}">
        {if isset($errors[$field])}<p class="help-block segment-error" data-field="{$field}">{$errors[$field]|escape:'html':'UTF-8'}</p>{/if}
        {if $field == 'code'}<p class="help-block">{l s='Lowercase letters, digits and _; themes test it with the in_segment modifier.' d='Modules.Segment.Admin'}</p>{/if}
        {if $field == 'priority'}<p class="help-block">{l s='Higher first: a visitor\'s segment is the highest-priority one they match.' d='Modules.Segment.Admin'}</p>{/if}
      </div>
    </div>
    {/foreach}
    <div class="form-group{if isset($errors.rule)} has-error{/if}">
      <label class="control-label col-lg-2" for="segment-rule">{l s='Rule' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-6">
        <textarea class="form-control" id="segment-rule" name="rule" rows="6" style="font-family:monospace" spellcheck="false">{$values.rule|escape:'html':'UTF-8'}</textarea>
        {if isset($errors.rule)}
          <p class="help-block segment-error" data-field="rule" id="segment-rule-error"{if $rule_error} data-line="{$rule_error.line|intval}" data-column="{$rule_error.column|intval}"{/if}>{$errors.rule|escape:'html':'UTF-8'}</p>
        {/if}
        <p class="help-block" id="segment-preview" aria-live="polite"></p>
        <p class="help-block">{l s='Example: orders >= 3 and monetary > 500 and country in ("FR", "BE")' d='Modules.Segment.Admin'}</p>
      </div>
      <div class="col-lg-4">
        <details><summary>{l s='Attributes a rule can read' d='Modules.Segment.Admin'}</summary>
        {foreach $attributes as $group => $list}
          <strong>{$group|escape:'html':'UTF-8'}</strong><br>
          {foreach $list as $attr => $help}<code>{$attr|escape:'html':'UTF-8'}</code>{if $help} <small>{$help|escape:'html':'UTF-8'}</small>{/if}<br>{/foreach}
        {/foreach}
        </details>
      </div>
    </div>
    <div class="form-group{if isset($errors.id_group)} has-error{/if}">
      <label class="control-label col-lg-2" for="segment-group">{l s='Customer group' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-6">
        <select class="form-control" id="segment-group" name="id_group">
          <option value="0">{l s='None' d='Modules.Segment.Admin'}</option>
          {foreach $groups as $id => $gname}<option value="{$id|intval}"{if $values.id_group == $id} selected{/if}>{$gname|escape:'html':'UTF-8'}</option>{/foreach}
        </select>
        {if isset($errors.id_group)}<p class="help-block segment-error">{$errors.id_group|escape:'html':'UTF-8'}</p>{/if}
        <p class="help-block">{l s='Kept equal to the segment\'s members at each recompute (customers whose default group it is keep it). Cart rules see all of a customer\'s groups; specific prices and group reductions only read the default group.' d='Modules.Segment.Admin'}</p>
      </div>
    </div>
    <div class="form-group">
      <label class="control-label col-lg-2" for="segment-active">{l s='Enabled' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-6"><input type="checkbox" id="segment-active" name="active" value="1"{if $values.active} checked{/if}></div>
    </div>
    <div class="panel-footer">
      <a class="btn btn-default" href="{$seg_links.list|escape:'html':'UTF-8'}"><i class="process-icon-cancel"></i> {l s='Cancel' d='Admin.Actions'}</a>
      <button type="submit" class="btn btn-default pull-right" id="segment-save" {if !$seg_can.edit && !$seg_can.add}disabled{/if}><i class="process-icon-save"></i> {l s='Save' d='Admin.Actions'}</button>
    </div>
  </div>
</form>
<script>
(function () {
  var area = document.getElementById('segment-rule'), out = document.getElementById('segment-preview'), timer = null;
  var url = {$preview_url|json_encode nofilter}, token = {$seg_token|json_encode nofilter};
  function show(r) {
    out.textContent = r.valid
      ? 'Matches ' + r.customers + ' of ' + r.of + ' customers now (stored profiles; cart and visit attributes are not known here).'
        + (r.computed ? '' : ' No recompute has run yet, so no customer has order figures: use "Recompute now" first.')
      : r.message;
    out.style.color = r.valid ? '#3c763d' : '#a94442';
  }
  function run() {
    var body = new URLSearchParams();
    body.append('token', token); body.append('rule', area.value);
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(show)
      .catch(function () { out.textContent = ''; });
  }
  area.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 400); });
  if (area.value && !document.getElementById('segment-rule-error')) { run(); }
})();
</script>
