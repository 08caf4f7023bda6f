<?php
/**
 * 1.1.0: banners per segment (segment_banner), segments linked to customer
 * groups (segment_definition.id_group), the display hooks of the banners.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

function upgrade_module_1_1_0($module)
{
    return $module->upgradeTo110();
}
