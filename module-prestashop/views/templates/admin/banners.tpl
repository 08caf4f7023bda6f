<div class="panel" id="segment-banners">
  <div class="panel-heading">{l s='Banners' d='Modules.Segment.Admin'}</div>
  <p>{l s='A visitor sees the banner of their highest-priority segment that has one for the hook, else the "everyone else" banner of the hook.' d='Modules.Segment.Admin'}</p>
  <table class="table">
    <thead><tr><th>{l s='Hook' d='Modules.Segment.Admin'}</th><th>{l s='Segment' d='Modules.Segment.Admin'}</th><th>{l s='Text' d='Modules.Segment.Admin'}</th><th>{l s='Image' d='Modules.Segment.Admin'}</th><th>{l s='Link' d='Modules.Segment.Admin'}</th><th>{l s='Active' d='Modules.Segment.Admin'}</th><th></th></tr></thead>
    <tbody>
    {foreach $banners as $b}
      <tr><td>{$b.hook|escape:'html':'UTF-8'}</td><td>{if $b.id_segment}{$b.segment_name|escape:'html':'UTF-8'} (<code>{$b.code|escape:'html':'UTF-8'}</code>){else}<em>{l s='everyone else' d='Modules.Segment.Admin'}</em>{/if}</td>
        <td>{$b.text|escape:'html':'UTF-8'}</td><td>{$b.image|escape:'html':'UTF-8'}</td><td>{$b.link|escape:'html':'UTF-8'}</td><td>{if $b.active}✓{else}–{/if}</td>
        <td>{if $seg_can.delete}<form method="post" action="{$seg_url|escape:'html':'UTF-8'}" style="display:inline">
          <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}"><input type="hidden" name="segment_action" value="deleteBanner">
          <input type="hidden" name="id_banner" value="{$b.id_banner|intval}"><button type="submit" class="btn btn-default btn-sm"><i class="icon-trash"></i></button></form>{/if}</td></tr>
    {foreachelse}
      <tr><td colspan="7" class="text-center">{l s='No banner yet.' d='Modules.Segment.Admin'}</td></tr>
    {/foreach}
    </tbody>
  </table>
</div>
<form method="post" action="{$seg_url|escape:'html':'UTF-8'}" class="form-horizontal" id="segment-banner-form">
  <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}">
  <input type="hidden" name="segment_action" value="saveBanner">
  <input type="hidden" name="id_banner" value="{$values.id_banner|intval}">
  <div class="panel">
    <div class="panel-heading">{l s='Add a banner' d='Modules.Segment.Admin'}</div>
    <div class="form-group{if isset($errors.id_segment)} has-error{/if}"><label class="control-label col-lg-2" for="banner-segment">{l s='Segment' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-4"><select class="form-control" id="banner-segment" name="id_segment"><option value="0">{l s='Everyone else (default)' d='Modules.Segment.Admin'}</option>
      {foreach $segments as $s}<option value="{$s.id_segment|intval}"{if $values.id_segment == $s.id_segment} selected{/if}>{$s.name|escape:'html':'UTF-8'} ({$s.code|escape:'html':'UTF-8'})</option>{/foreach}</select>
      {if isset($errors.id_segment)}<p class="help-block">{$errors.id_segment|escape:'html':'UTF-8'}</p>{/if}</div></div>
    <div class="form-group{if isset($errors.hook)} has-error{/if}"><label class="control-label col-lg-2" for="banner-hook">{l s='Where' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-4"><select class="form-control" id="banner-hook" name="hook">{foreach $hooks as $h => $label}<option value="{$h|escape:'html':'UTF-8'}"{if $values.hook == $h} selected{/if}>{$label|escape:'html':'UTF-8'}</option>{/foreach}</select>
      {if isset($errors.hook)}<p class="help-block">{$errors.hook|escape:'html':'UTF-8'}</p>{/if}</div></div>
    {foreach ['text' => 'Text', 'image' => 'Image URL', 'link' => 'Link'] as $field => $label}
    <div class="form-group{if isset($errors[$field])} has-error{/if}"><label class="control-label col-lg-2" for="banner-{$field}">{$label|escape:'html':'UTF-8'}</label>
      <div class="col-lg-6"><input class="form-control" id="banner-{$field}" name="{$field}" value="{$values[$field]|escape:'html':'UTF-8'}">
      {if isset($errors[$field])}<p class="help-block segment-error">{$errors[$field]|escape:'html':'UTF-8'}</p>{/if}</div></div>
    {/foreach}
    <div class="form-group"><label class="control-label col-lg-2">{l s='Active' d='Modules.Segment.Admin'}</label><div class="col-lg-6"><input type="checkbox" name="active" value="1"{if $values.active} checked{/if}></div></div>
    <div class="panel-footer"><button type="submit" class="btn btn-default pull-right" id="banner-save" {if !$seg_can.edit}disabled{/if}><i class="process-icon-save"></i> {l s='Save' d='Admin.Actions'}</button></div>
  </div>
</form>
