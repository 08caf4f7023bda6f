/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: e9e5876879334e99f7b4590a623417106ff79425 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_segment_of, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_MASK(0, customer, MAY_BE_ARRAY|MAY_BE_OBJECT, NULL)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, set, Segment\\RuleSet, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_segments_of, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, customer, MAY_BE_ARRAY|MAY_BE_OBJECT, NULL)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, set, Segment\\RuleSet, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSyntaxError_getSegmentCode, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSyntaxError_getRuleLine, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_RuleSyntaxError_getRuleColumn arginfo_class_Segment_RuleSyntaxError_getRuleLine

#define arginfo_class_Segment_RuleSyntaxError_getExpected arginfo_class_Segment_RuleSyntaxError_getSegmentCode

#define arginfo_class_Segment_AttributeError_getAttribute arginfo_class_Segment_RuleSyntaxError_getSegmentCode

#define arginfo_class_Segment_DataError_getDataFile arginfo_class_Segment_RuleSyntaxError_getSegmentCode

#define arginfo_class_Segment_DataError_getDataLine arginfo_class_Segment_RuleSyntaxError_getRuleLine

#define arginfo_class_Segment_DataError_getColumn arginfo_class_Segment_RuleSyntaxError_getSegmentCode

#define arginfo_class_Segment_DatabaseError_getSqlState arginfo_class_Segment_RuleSyntaxError_getSegmentCode

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Profiles_fromCsv, 0, 1, Segment\\Profiles, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Profiles_fromIterable, 0, 1, Segment\\Profiles, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, orders, Traversable, MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Profiles_fromDatabase, 0, 1, Segment\\Profiles, 0)
	ZEND_ARG_TYPE_MASK(0, connection, MAY_BE_ARRAY|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Profiles_count arginfo_class_Segment_RuleSyntaxError_getRuleLine

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Profiles_getIterator, 0, 0, Iterator, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Profiles_get, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_MASK(0, customerId, MAY_BE_STRING|MAY_BE_LONG, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Profiles_toArray, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Profiles_toCsv, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Profiles_stats arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Rfm_fit, 0, 1, Segment\\Rfm, 0)
	ZEND_ARG_OBJ_INFO(0, profiles, Segment\\Profiles, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Rfm_scores arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_Rfm_getIterator arginfo_class_Segment_Profiles_getIterator

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Rfm_summary, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, map, IS_STRING, 0, "\"segment\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Rfm_toCsv, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Rfm_score, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, profile, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Rfm_toArray arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_Rfm_save arginfo_class_Segment_Profiles_toCsv

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Rfm_load, 0, 1, Segment\\Rfm, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Rfm_maps arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_KMeans_fit, 0, 2, Segment\\KMeans, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, data, Segment\\Profiles, MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO(0, k, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_KMeans_predict, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, row, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_KMeans_assign, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, row, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_KMeans_labels arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_KMeans_centroids arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_KMeans_inertia, 0, 0, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_KMeans_iterations arginfo_class_Segment_RuleSyntaxError_getRuleLine

#define arginfo_class_Segment_KMeans_describe arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_KMeans_names arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_KMeans_withNames, 0, 1, Segment\\KMeans, 0)
	ZEND_ARG_TYPE_INFO(0, names, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_KMeans_silhouette, 0, 0, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, sample, IS_LONG, 0, "10000")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, seed, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_KMeans_suggestK, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, data, Segment\\Profiles, MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, kMin, IS_LONG, 0, "2")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, kMax, IS_LONG, 0, "10")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_KMeans_getIterator arginfo_class_Segment_Profiles_getIterator

#define arginfo_class_Segment_KMeans_toArray arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_KMeans_save arginfo_class_Segment_Profiles_toCsv

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_KMeans_load, 0, 1, Segment\\KMeans, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Segment_Model___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Model_build, 0, 1, Segment\\Model, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, rules, Segment\\RuleSet, MAY_BE_ARRAY, NULL)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, rfm, Segment\\Rfm, 1, "null")
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, kmeans, Segment\\KMeans, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, settings, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Model_save arginfo_class_Segment_Profiles_toCsv

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Model_load, 0, 1, Segment\\Model, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, version, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Model_assign, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, profile, IS_ARRAY, 1, "null")
	ZEND_ARG_OBJ_TYPE_MASK(0, context, Segment\\Context, MAY_BE_ARRAY|MAY_BE_NULL, "null")
	ZEND_ARG_OBJ_TYPE_MASK(0, now, DateTimeInterface, MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Model_segments arginfo_class_Segment_Model_assign

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Model_explain, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, profile, IS_ARRAY, 1)
	ZEND_ARG_OBJ_TYPE_MASK(0, context, Segment\\Context, MAY_BE_ARRAY|MAY_BE_NULL, NULL)
	ZEND_ARG_TYPE_INFO(0, code, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, now, DateTimeInterface, MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Model_version arginfo_class_Segment_RuleSyntaxError_getSegmentCode

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Model_rules, 0, 0, Segment\\RuleSet, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Model_rfm, 0, 0, Segment\\Rfm, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Model_kmeans, 0, 0, Segment\\KMeans, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Model_toArray arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_Model_cacheInfo arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Segment_Store___construct, 0, 0, 1)
	ZEND_ARG_TYPE_MASK(0, connection, MAY_BE_ARRAY|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Store_install, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Store_uninstall arginfo_class_Segment_Store_install

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Store_installed, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Store_tables arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Store_recompute, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, model, Segment\\Model, 0)
	ZEND_ARG_OBJ_INFO(0, profiles, Segment\\Profiles, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Store_update arginfo_class_Segment_Store_recompute

#define arginfo_class_Segment_Store_customer arginfo_class_Segment_Profiles_get

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Store_members, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, segment, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, limit, IS_LONG, 0, "1000")
	ZEND_ARG_TYPE_MASK(0, after, MAY_BE_STRING|MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Store_counts arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Store_lastRun, 0, 0, IS_ARRAY, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Store_state arginfo_class_Segment_Store_lastRun

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Store_history, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, customerId, MAY_BE_STRING|MAY_BE_LONG, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, limit, IS_LONG, 0, "100")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Context___construct arginfo_class_Segment_Model___construct

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Context_fromRequest, 0, 1, Segment\\Context, 0)
	ZEND_ARG_TYPE_INFO(0, server, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cookie, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, get, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_Context_toArray arginfo_class_Segment_Profiles_toArray

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_Context_get, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, default, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_Context_with, 0, 1, Segment\\Context, 0)
	ZEND_ARG_TYPE_INFO(0, attributes, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Segment_RuleSet___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, definitions, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_RuleSet_fromFile, 0, 1, Segment\\RuleSet, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Segment_RuleSet_cached, 0, 2, Segment\\RuleSet, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, loader, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSet_validate, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, rule, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, attributes, IS_ARRAY, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSet_match, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, customer, MAY_BE_ARRAY|MAY_BE_OBJECT, NULL)
	ZEND_ARG_OBJ_TYPE_MASK(0, now, DateTimeInterface, MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSet_first, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_MASK(0, customer, MAY_BE_ARRAY|MAY_BE_OBJECT, NULL)
	ZEND_ARG_OBJ_TYPE_MASK(0, now, DateTimeInterface, MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSet_matches, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_MASK(0, customer, MAY_BE_ARRAY|MAY_BE_OBJECT, NULL)
	ZEND_ARG_TYPE_INFO(0, code, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, now, DateTimeInterface, MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Segment_RuleSet_explain, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_MASK(0, customer, MAY_BE_ARRAY|MAY_BE_OBJECT, NULL)
	ZEND_ARG_TYPE_INFO(0, code, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, now, DateTimeInterface, MAY_BE_LONG|MAY_BE_NULL, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Segment_RuleSet_codes arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_RuleSet_definitions arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_RuleSet_attributes arginfo_class_Segment_Profiles_toArray

#define arginfo_class_Segment_RuleSet_count arginfo_class_Segment_RuleSyntaxError_getRuleLine


ZEND_FUNCTION(segment_of);
ZEND_FUNCTION(segments_of);
ZEND_METHOD(Segment_RuleSyntaxError, getSegmentCode);
ZEND_METHOD(Segment_RuleSyntaxError, getRuleLine);
ZEND_METHOD(Segment_RuleSyntaxError, getRuleColumn);
ZEND_METHOD(Segment_RuleSyntaxError, getExpected);
ZEND_METHOD(Segment_AttributeError, getAttribute);
ZEND_METHOD(Segment_DataError, getDataFile);
ZEND_METHOD(Segment_DataError, getDataLine);
ZEND_METHOD(Segment_DataError, getColumn);
ZEND_METHOD(Segment_DatabaseError, getSqlState);
ZEND_METHOD(Segment_Profiles, fromCsv);
ZEND_METHOD(Segment_Profiles, fromIterable);
ZEND_METHOD(Segment_Profiles, fromDatabase);
ZEND_METHOD(Segment_Profiles, count);
ZEND_METHOD(Segment_Profiles, getIterator);
ZEND_METHOD(Segment_Profiles, get);
ZEND_METHOD(Segment_Profiles, toArray);
ZEND_METHOD(Segment_Profiles, toCsv);
ZEND_METHOD(Segment_Profiles, stats);
ZEND_METHOD(Segment_Rfm, fit);
ZEND_METHOD(Segment_Rfm, scores);
ZEND_METHOD(Segment_Rfm, getIterator);
ZEND_METHOD(Segment_Rfm, summary);
ZEND_METHOD(Segment_Rfm, toCsv);
ZEND_METHOD(Segment_Rfm, score);
ZEND_METHOD(Segment_Rfm, toArray);
ZEND_METHOD(Segment_Rfm, save);
ZEND_METHOD(Segment_Rfm, load);
ZEND_METHOD(Segment_Rfm, maps);
ZEND_METHOD(Segment_KMeans, fit);
ZEND_METHOD(Segment_KMeans, predict);
ZEND_METHOD(Segment_KMeans, assign);
ZEND_METHOD(Segment_KMeans, labels);
ZEND_METHOD(Segment_KMeans, centroids);
ZEND_METHOD(Segment_KMeans, inertia);
ZEND_METHOD(Segment_KMeans, iterations);
ZEND_METHOD(Segment_KMeans, describe);
ZEND_METHOD(Segment_KMeans, names);
ZEND_METHOD(Segment_KMeans, withNames);
ZEND_METHOD(Segment_KMeans, silhouette);
ZEND_METHOD(Segment_KMeans, suggestK);
ZEND_METHOD(Segment_KMeans, getIterator);
ZEND_METHOD(Segment_KMeans, toArray);
ZEND_METHOD(Segment_KMeans, save);
ZEND_METHOD(Segment_KMeans, load);
ZEND_METHOD(Segment_Model, __construct);
ZEND_METHOD(Segment_Model, build);
ZEND_METHOD(Segment_Model, save);
ZEND_METHOD(Segment_Model, load);
ZEND_METHOD(Segment_Model, assign);
ZEND_METHOD(Segment_Model, segments);
ZEND_METHOD(Segment_Model, explain);
ZEND_METHOD(Segment_Model, version);
ZEND_METHOD(Segment_Model, rules);
ZEND_METHOD(Segment_Model, rfm);
ZEND_METHOD(Segment_Model, kmeans);
ZEND_METHOD(Segment_Model, toArray);
ZEND_METHOD(Segment_Model, cacheInfo);
ZEND_METHOD(Segment_Store, __construct);
ZEND_METHOD(Segment_Store, install);
ZEND_METHOD(Segment_Store, uninstall);
ZEND_METHOD(Segment_Store, installed);
ZEND_METHOD(Segment_Store, tables);
ZEND_METHOD(Segment_Store, recompute);
ZEND_METHOD(Segment_Store, update);
ZEND_METHOD(Segment_Store, customer);
ZEND_METHOD(Segment_Store, members);
ZEND_METHOD(Segment_Store, counts);
ZEND_METHOD(Segment_Store, lastRun);
ZEND_METHOD(Segment_Store, state);
ZEND_METHOD(Segment_Store, history);
ZEND_METHOD(Segment_Context, __construct);
ZEND_METHOD(Segment_Context, fromRequest);
ZEND_METHOD(Segment_Context, toArray);
ZEND_METHOD(Segment_Context, get);
ZEND_METHOD(Segment_Context, with);
ZEND_METHOD(Segment_RuleSet, __construct);
ZEND_METHOD(Segment_RuleSet, fromFile);
ZEND_METHOD(Segment_RuleSet, cached);
ZEND_METHOD(Segment_RuleSet, validate);
ZEND_METHOD(Segment_RuleSet, match);
ZEND_METHOD(Segment_RuleSet, first);
ZEND_METHOD(Segment_RuleSet, matches);
ZEND_METHOD(Segment_RuleSet, explain);
ZEND_METHOD(Segment_RuleSet, codes);
ZEND_METHOD(Segment_RuleSet, definitions);
ZEND_METHOD(Segment_RuleSet, attributes);
ZEND_METHOD(Segment_RuleSet, count);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(segment_of, arginfo_segment_of)
	ZEND_FE(segments_of, arginfo_segments_of)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Segment_RuleSyntaxError_methods[] = {
	ZEND_ME(Segment_RuleSyntaxError, getSegmentCode, arginfo_class_Segment_RuleSyntaxError_getSegmentCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSyntaxError, getRuleLine, arginfo_class_Segment_RuleSyntaxError_getRuleLine, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSyntaxError, getRuleColumn, arginfo_class_Segment_RuleSyntaxError_getRuleColumn, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSyntaxError, getExpected, arginfo_class_Segment_RuleSyntaxError_getExpected, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_AttributeError_methods[] = {
	ZEND_ME(Segment_AttributeError, getAttribute, arginfo_class_Segment_AttributeError_getAttribute, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_DataError_methods[] = {
	ZEND_ME(Segment_DataError, getDataFile, arginfo_class_Segment_DataError_getDataFile, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_DataError, getDataLine, arginfo_class_Segment_DataError_getDataLine, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_DataError, getColumn, arginfo_class_Segment_DataError_getColumn, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_DatabaseError_methods[] = {
	ZEND_ME(Segment_DatabaseError, getSqlState, arginfo_class_Segment_DatabaseError_getSqlState, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_StoreBusyError_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Segment_Profiles_methods[] = {
	ZEND_ME(Segment_Profiles, fromCsv, arginfo_class_Segment_Profiles_fromCsv, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Profiles, fromIterable, arginfo_class_Segment_Profiles_fromIterable, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Profiles, fromDatabase, arginfo_class_Segment_Profiles_fromDatabase, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Profiles, count, arginfo_class_Segment_Profiles_count, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Profiles, getIterator, arginfo_class_Segment_Profiles_getIterator, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Profiles, get, arginfo_class_Segment_Profiles_get, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Profiles, toArray, arginfo_class_Segment_Profiles_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Profiles, toCsv, arginfo_class_Segment_Profiles_toCsv, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Profiles, stats, arginfo_class_Segment_Profiles_stats, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_Rfm_methods[] = {
	ZEND_ME(Segment_Rfm, fit, arginfo_class_Segment_Rfm_fit, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Rfm, scores, arginfo_class_Segment_Rfm_scores, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, getIterator, arginfo_class_Segment_Rfm_getIterator, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, summary, arginfo_class_Segment_Rfm_summary, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, toCsv, arginfo_class_Segment_Rfm_toCsv, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, score, arginfo_class_Segment_Rfm_score, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, toArray, arginfo_class_Segment_Rfm_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, save, arginfo_class_Segment_Rfm_save, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Rfm, load, arginfo_class_Segment_Rfm_load, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Rfm, maps, arginfo_class_Segment_Rfm_maps, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_KMeans_methods[] = {
	ZEND_ME(Segment_KMeans, fit, arginfo_class_Segment_KMeans_fit, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_KMeans, predict, arginfo_class_Segment_KMeans_predict, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, assign, arginfo_class_Segment_KMeans_assign, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, labels, arginfo_class_Segment_KMeans_labels, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, centroids, arginfo_class_Segment_KMeans_centroids, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, inertia, arginfo_class_Segment_KMeans_inertia, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, iterations, arginfo_class_Segment_KMeans_iterations, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, describe, arginfo_class_Segment_KMeans_describe, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, names, arginfo_class_Segment_KMeans_names, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, withNames, arginfo_class_Segment_KMeans_withNames, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, silhouette, arginfo_class_Segment_KMeans_silhouette, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, suggestK, arginfo_class_Segment_KMeans_suggestK, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_KMeans, getIterator, arginfo_class_Segment_KMeans_getIterator, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, toArray, arginfo_class_Segment_KMeans_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, save, arginfo_class_Segment_KMeans_save, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_KMeans, load, arginfo_class_Segment_KMeans_load, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_Model_methods[] = {
	ZEND_ME(Segment_Model, __construct, arginfo_class_Segment_Model___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Segment_Model, build, arginfo_class_Segment_Model_build, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Model, save, arginfo_class_Segment_Model_save, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, load, arginfo_class_Segment_Model_load, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Model, assign, arginfo_class_Segment_Model_assign, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, segments, arginfo_class_Segment_Model_segments, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, explain, arginfo_class_Segment_Model_explain, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, version, arginfo_class_Segment_Model_version, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, rules, arginfo_class_Segment_Model_rules, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, rfm, arginfo_class_Segment_Model_rfm, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, kmeans, arginfo_class_Segment_Model_kmeans, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, toArray, arginfo_class_Segment_Model_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Model, cacheInfo, arginfo_class_Segment_Model_cacheInfo, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_Store_methods[] = {
	ZEND_ME(Segment_Store, __construct, arginfo_class_Segment_Store___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, install, arginfo_class_Segment_Store_install, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, uninstall, arginfo_class_Segment_Store_uninstall, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, installed, arginfo_class_Segment_Store_installed, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, tables, arginfo_class_Segment_Store_tables, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, recompute, arginfo_class_Segment_Store_recompute, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, update, arginfo_class_Segment_Store_update, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, customer, arginfo_class_Segment_Store_customer, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, members, arginfo_class_Segment_Store_members, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, counts, arginfo_class_Segment_Store_counts, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, lastRun, arginfo_class_Segment_Store_lastRun, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, state, arginfo_class_Segment_Store_state, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Store, history, arginfo_class_Segment_Store_history, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_Context_methods[] = {
	ZEND_ME(Segment_Context, __construct, arginfo_class_Segment_Context___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Segment_Context, fromRequest, arginfo_class_Segment_Context_fromRequest, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_Context, toArray, arginfo_class_Segment_Context_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Context, get, arginfo_class_Segment_Context_get, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_Context, with, arginfo_class_Segment_Context_with, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Segment_RuleSet_methods[] = {
	ZEND_ME(Segment_RuleSet, __construct, arginfo_class_Segment_RuleSet___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, fromFile, arginfo_class_Segment_RuleSet_fromFile, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_RuleSet, cached, arginfo_class_Segment_RuleSet_cached, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_RuleSet, validate, arginfo_class_Segment_RuleSet_validate, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Segment_RuleSet, match, arginfo_class_Segment_RuleSet_match, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, first, arginfo_class_Segment_RuleSet_first, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, matches, arginfo_class_Segment_RuleSet_matches, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, explain, arginfo_class_Segment_RuleSet_explain, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, codes, arginfo_class_Segment_RuleSet_codes, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, definitions, arginfo_class_Segment_RuleSet_definitions, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, attributes, arginfo_class_Segment_RuleSet_attributes, ZEND_ACC_PUBLIC)
	ZEND_ME(Segment_RuleSet, count, arginfo_class_Segment_RuleSet_count, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Segment_Exception(zend_class_entry *class_entry_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "Exception", class_Segment_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Segment_RuleSyntaxError(zend_class_entry *class_entry_Segment_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "RuleSyntaxError", class_Segment_RuleSyntaxError_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Segment_Exception);

	zval property_segmentCode_default_value;
	ZVAL_EMPTY_STRING(&property_segmentCode_default_value);
	zend_string *property_segmentCode_name = zend_string_init("segmentCode", sizeof("segmentCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_segmentCode_name, &property_segmentCode_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_segmentCode_name);

	zval property_ruleLine_default_value;
	ZVAL_LONG(&property_ruleLine_default_value, 0);
	zend_string *property_ruleLine_name = zend_string_init("ruleLine", sizeof("ruleLine") - 1, 1);
	zend_declare_typed_property(class_entry, property_ruleLine_name, &property_ruleLine_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_ruleLine_name);

	zval property_ruleColumn_default_value;
	ZVAL_LONG(&property_ruleColumn_default_value, 0);
	zend_string *property_ruleColumn_name = zend_string_init("ruleColumn", sizeof("ruleColumn") - 1, 1);
	zend_declare_typed_property(class_entry, property_ruleColumn_name, &property_ruleColumn_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_ruleColumn_name);

	zval property_expected_default_value;
	ZVAL_EMPTY_STRING(&property_expected_default_value);
	zend_string *property_expected_name = zend_string_init("expected", sizeof("expected") - 1, 1);
	zend_declare_typed_property(class_entry, property_expected_name, &property_expected_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_expected_name);

	return class_entry;
}

static zend_class_entry *register_class_Segment_AttributeError(zend_class_entry *class_entry_Segment_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "AttributeError", class_Segment_AttributeError_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Segment_Exception);

	zval property_attribute_default_value;
	ZVAL_EMPTY_STRING(&property_attribute_default_value);
	zend_string *property_attribute_name = zend_string_init("attribute", sizeof("attribute") - 1, 1);
	zend_declare_typed_property(class_entry, property_attribute_name, &property_attribute_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_attribute_name);

	return class_entry;
}

static zend_class_entry *register_class_Segment_DataError(zend_class_entry *class_entry_Segment_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "DataError", class_Segment_DataError_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Segment_Exception);

	zval property_dataFile_default_value;
	ZVAL_EMPTY_STRING(&property_dataFile_default_value);
	zend_string *property_dataFile_name = zend_string_init("dataFile", sizeof("dataFile") - 1, 1);
	zend_declare_typed_property(class_entry, property_dataFile_name, &property_dataFile_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_dataFile_name);

	zval property_dataLine_default_value;
	ZVAL_LONG(&property_dataLine_default_value, 0);
	zend_string *property_dataLine_name = zend_string_init("dataLine", sizeof("dataLine") - 1, 1);
	zend_declare_typed_property(class_entry, property_dataLine_name, &property_dataLine_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_dataLine_name);

	zval property_column_default_value;
	ZVAL_EMPTY_STRING(&property_column_default_value);
	zend_string *property_column_name = zend_string_init("column", sizeof("column") - 1, 1);
	zend_declare_typed_property(class_entry, property_column_name, &property_column_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_column_name);

	return class_entry;
}

static zend_class_entry *register_class_Segment_DatabaseError(zend_class_entry *class_entry_Segment_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "DatabaseError", class_Segment_DatabaseError_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Segment_Exception);

	zval property_sqlState_default_value;
	ZVAL_EMPTY_STRING(&property_sqlState_default_value);
	zend_string *property_sqlState_name = zend_string_init("sqlState", sizeof("sqlState") - 1, 1);
	zend_declare_typed_property(class_entry, property_sqlState_name, &property_sqlState_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_sqlState_name);

	return class_entry;
}

static zend_class_entry *register_class_Segment_StoreBusyError(zend_class_entry *class_entry_Segment_DatabaseError)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "StoreBusyError", class_Segment_StoreBusyError_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Segment_DatabaseError);

	return class_entry;
}

static zend_class_entry *register_class_Segment_Profiles(zend_class_entry *class_entry_Countable, zend_class_entry *class_entry_IteratorAggregate)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "Profiles", class_Segment_Profiles_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 2, class_entry_Countable, class_entry_IteratorAggregate);

	return class_entry;
}

static zend_class_entry *register_class_Segment_Rfm(zend_class_entry *class_entry_IteratorAggregate)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "Rfm", class_Segment_Rfm_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_IteratorAggregate);

	return class_entry;
}

static zend_class_entry *register_class_Segment_KMeans(zend_class_entry *class_entry_IteratorAggregate)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "KMeans", class_Segment_KMeans_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_IteratorAggregate);

	return class_entry;
}

static zend_class_entry *register_class_Segment_Model(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "Model", class_Segment_Model_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Segment_Store(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "Store", class_Segment_Store_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Segment_Context(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "Context", class_Segment_Context_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Segment_RuleSet(zend_class_entry *class_entry_Countable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Segment", "RuleSet", class_Segment_RuleSet_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_Countable);

	return class_entry;
}
