<div class="panel" id="segment-report">
  <div class="panel-heading">{l s='Report' d='Modules.Segment.Admin'} <span class="badge">{l s='generation' d='Modules.Segment.Admin'} {$generation|intval}</span></div>
  <div style="margin-bottom:10px">{include file='./recompute_button.tpl' back='report'}</div>
  <h4>{l s='Segment sizes and revenue' d='Modules.Segment.Admin'}</h4>
  <table class="table" id="segment-sizes">
    <thead><tr><th>{l s='Segment' d='Modules.Segment.Admin'}</th><th class="text-right">{l s='Members' d='Modules.Segment.Admin'}</th><th class="text-right">%</th><th class="text-right">{l s='Revenue' d='Modules.Segment.Admin'}</th><th style="width:35%"></th></tr></thead>
    <tbody>{foreach $segments as $s}
      <tr><td>{$s.name|escape:'html':'UTF-8'} <code>{$s.code|escape:'html':'UTF-8'}</code>{if !$s.active} <span class="label label-default">{l s='disabled' d='Modules.Segment.Admin'}</span>{/if}</td>
      <td class="text-right">{$s.customers|intval}</td><td class="text-right">{$s.share|escape:'html':'UTF-8'}</td>
      <td class="text-right">{$currency_sign|escape:'html':'UTF-8'}{$s.revenue|string_format:'%.2f'}</td>
      <td><div style="background:#25b9d7;height:12px;width:{$s.revenue_bar|intval}%"></div></td></tr>
    {/foreach}</tbody>
  </table>
  <h4>{l s='Moves since the last run' d='Modules.Segment.Admin'}</h4>
  <table class="table" id="segment-moves">
    <thead><tr><th>{l s='From' d='Modules.Segment.Admin'}</th><th>{l s='To' d='Modules.Segment.Admin'}</th><th class="text-right">{l s='Customers' d='Modules.Segment.Admin'}</th></tr></thead>
    <tbody>{foreach $moves as $m}<tr><td>{if $m.from}{$m.from|escape:'html':'UTF-8'}{else}<em>{l s='none' d='Modules.Segment.Admin'}</em>{/if}</td><td>{if $m.to}{$m.to|escape:'html':'UTF-8'}{else}<em>{l s='none' d='Modules.Segment.Admin'}</em>{/if}</td><td class="text-right">{$m.customers|intval}</td></tr>
    {foreachelse}<tr><td colspan="3">{l s='No move.' d='Modules.Segment.Admin'}</td></tr>{/foreach}</tbody>
  </table>
  <h4>{l s='Recency × frequency (RFM scores, customers per cell)' d='Modules.Segment.Admin'}</h4>
  <table class="table" id="segment-heatmap" style="width:auto">
    <thead><tr><th>R \ F</th>{for $f=1 to 5}<th class="text-center">F{$f}</th>{/for}</tr></thead>
    <tbody>{foreach $heatmap as $row}<tr><th>R{$row.r|intval}</th>{foreach $row.cells as $c}
      <td class="text-center" style="min-width:60px;background:rgba(37,185,215,{($c.level/9)|string_format:'%.2f'})">{$c.customers|intval}</td>{/foreach}</tr>{/foreach}</tbody>
  </table>
</div>
