<div class="panel" id="segment-list">
  <div class="panel-heading">
    {l s='Segments' d='Modules.Segment.Admin'} <span class="badge">{$segments|sizeof}</span>
    {if $seg_can.add}<span class="panel-heading-action"><a class="btn btn-default" id="segment-add" href="{$seg_links.add|escape:'html':'UTF-8'}"><i class="process-icon-new"></i> {l s='Add a segment' d='Modules.Segment.Admin'}</a></span>{/if}
  </div>
  <div style="margin-bottom:10px">{include file='./recompute_button.tpl' back='list'}</div>
  <table class="table">
    <thead><tr>
      <th>{l s='Priority' d='Modules.Segment.Admin'}</th><th>{l s='Code' d='Modules.Segment.Admin'}</th><th>{l s='Name' d='Modules.Segment.Admin'}</th>
      <th>{l s='Rule' d='Modules.Segment.Admin'}</th><th class="text-right">{l s='Members' d='Modules.Segment.Admin'}</th>
      <th class="text-right">{l s='Revenue' d='Modules.Segment.Admin'}</th><th>{l s='Group' d='Modules.Segment.Admin'}</th>
      <th class="text-center">{l s='Enabled' d='Modules.Segment.Admin'}</th><th></th>
    </tr></thead>
    <tbody>
    {foreach $segments as $s}
      <tr class="segment-row" data-code="{$s.code|escape:'html':'UTF-8'}">
        <td>{$s.priority|intval}</td>
        <td><code>{$s.code|escape:'html':'UTF-8'}</code></td>
        <td>{$s.name|escape:'html':'UTF-8'}</td>
        <td><code style="white-space:pre-wrap">{$s.rule|truncate:120:'…'|escape:'html':'UTF-8'}</code></td>
        <td class="text-right segment-members">{$s.customers|intval}</td>
        <td class="text-right segment-revenue">{$currency_sign|escape:'html':'UTF-8'}{$s.revenue|string_format:'%.2f'}</td>
        <td>{if $s.id_group}#{$s.id_group|intval}{else}&ndash;{/if}</td>
        <td class="text-center">
          <form method="post" action="{$seg_url|escape:'html':'UTF-8'}" style="display:inline">
            <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}">
            <input type="hidden" name="segment_action" value="toggleSegment">
            <input type="hidden" name="id_segment" value="{$s.id_segment|intval}">
            <button type="submit" class="btn btn-link segment-toggle" title="{l s='Enable / disable' d='Modules.Segment.Admin'}" {if !$seg_can.edit}disabled{/if}>
              {if $s.active}<i class="icon-check text-success"></i><span class="sr-only">enabled</span>{else}<i class="icon-remove text-danger"></i><span class="sr-only">disabled</span>{/if}
            </button>
          </form>
        </td>
        <td class="text-right">
          <a class="btn btn-default btn-sm" href="{$s.edit_url|escape:'html':'UTF-8'}"><i class="icon-pencil"></i> {l s='Edit' d='Admin.Actions'}</a>
          {if $seg_can.delete}
          <form method="post" action="{$seg_url|escape:'html':'UTF-8'}" style="display:inline" onsubmit="return confirm('{l s='Delete this segment?' d='Modules.Segment.Admin' js=1}');">
            <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}">
            <input type="hidden" name="segment_action" value="deleteSegment">
            <input type="hidden" name="id_segment" value="{$s.id_segment|intval}">
            <button type="submit" class="btn btn-default btn-sm"><i class="icon-trash"></i></button>
          </form>
          {/if}
        </td>
      </tr>
    {foreachelse}
      <tr><td colspan="9" class="text-center">{l s='No segment yet.' d='Modules.Segment.Admin'}</td></tr>
    {/foreach}
    </tbody>
  </table>
</div>
