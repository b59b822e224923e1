"""Validation of SARIF 2.1.0 logs against the parts of the OASIS schema
(sarif-schema-2.1.0.json, errata01) that coroscope-lint writes.

For each definition reached from sarifLog through the properties a
static-analysis log uses, the table below holds what the schema says:
required properties, anyOf alternatives, enums, minima, minItems,
uniqueItems, and the full list of allowed properties (the schema sets
additionalProperties to false on all of them). Properties of these
definitions that lead to definitions outside the table (graphs, code flows,
web requests, ...) are allowed but not descended into.
"""
import json

# Property specifications.
ANY = ('any',)
STRING = ('string', None)
INTEGER = ('integer', None)
BOOLEAN = ('boolean',)
BAG = ('ref', 'propertyBag')


def enum(*values):
    return ('string', values)


def minimum(value):
    return ('integer', value)


def ref(name):
    return ('ref', name)


def array(item, min_items=0, unique=False):
    return ('array', item, min_items, unique)


def mapping(item):
    return ('map', item)


LEVEL = enum('none', 'note', 'warning', 'error')

DEFINITIONS = {
    'sarifLog': {
        'required': ['version', 'runs'],
        'properties': {
            '$schema': STRING, 'version': enum('2.1.0'),
            'runs': array(ref('run')), 'inlineExternalProperties': ANY,
            'properties': BAG,
        },
    },
    'run': {
        'required': ['tool'],
        'properties': {
            'tool': ref('tool'), 'invocations': array(ref('invocation')),
            'conversion': ANY, 'language': STRING,
            'versionControlProvenance': ANY,
            'originalUriBaseIds': mapping(ref('artifactLocation')),
            'artifacts': ANY, 'logicalLocations': ANY, 'graphs': ANY,
            'results': array(ref('result')),
            'automationDetails': ref('runAutomationDetails'),
            'runAggregates': ANY, 'baselineGuid': STRING,
            'redactionTokens': ANY, 'defaultEncoding': STRING,
            'defaultSourceLanguage': STRING, 'newlineSequences': ANY,
            'columnKind': enum('utf16CodeUnits', 'unicodeCodePoints'),
            'externalPropertyFileReferences': ANY,
            'threadFlowLocations': ANY, 'taxonomies': ANY, 'addresses': ANY,
            'translations': ANY, 'policies': ANY, 'webRequests': ANY,
            'webResponses': ANY, 'specialLocations': ANY, 'properties': BAG,
        },
    },
    'tool': {
        'required': ['driver'],
        'properties': {
            'driver': ref('toolComponent'),
            'extensions': array(ref('toolComponent'), unique=True),
            'properties': BAG,
        },
    },
    'toolComponent': {
        'required': ['name'],
        'properties': {
            'guid': STRING, 'name': STRING, 'organization': STRING,
            'product': STRING, 'productSuite': STRING,
            'shortDescription': ref('multiformatMessageString'),
            'fullDescription': ref('multiformatMessageString'),
            'fullName': STRING, 'version': STRING, 'semanticVersion': STRING,
            'dottedQuadFileVersion': STRING, 'releaseDateUtc': STRING,
            'downloadUri': STRING, 'informationUri': STRING,
            'globalMessageStrings': ANY,
            'notifications': array(ref('reportingDescriptor'), unique=True),
            'rules': array(ref('reportingDescriptor'), unique=True),
            'taxa': ANY, 'locations': ANY, 'language': STRING,
            'contents': ANY, 'isComprehensive': BOOLEAN,
            'localizedDataSemanticVersion': STRING,
            'minimumRequiredLocalizedDataSemanticVersion': STRING,
            'associatedComponent': ANY, 'translationMetadata': ANY,
            'supportedTaxonomies': ANY, 'properties': BAG,
        },
    },
    'reportingDescriptor': {
        'required': ['id'],
        'properties': {
            'id': STRING, 'deprecatedIds': ANY, 'guid': STRING,
            'deprecatedGuids': ANY, 'name': STRING, 'deprecatedNames': ANY,
            'shortDescription': ref('multiformatMessageString'),
            'fullDescription': ref('multiformatMessageString'),
            'messageStrings': mapping(ref('multiformatMessageString')),
            'defaultConfiguration': ref('reportingConfiguration'),
            'helpUri': STRING, 'help': ref('multiformatMessageString'),
            'relationships': ANY, 'properties': BAG,
        },
    },
    'reportingConfiguration': {
        'properties': {
            'enabled': BOOLEAN, 'level': LEVEL, 'rank': ANY,
            'parameters': BAG, 'properties': BAG,
        },
    },
    'multiformatMessageString': {
        'required': ['text'],
        'properties': {'text': STRING, 'markdown': STRING, 'properties': BAG},
    },
    'message': {
        'any_of': [['text'], ['id']],
        'properties': {
            'text': STRING, 'markdown': STRING, 'id': STRING,
            'arguments': array(STRING), 'properties': BAG,
        },
    },
    'result': {
        'required': ['message'],
        'properties': {
            'ruleId': STRING, 'ruleIndex': minimum(-1), 'rule': ANY,
            'kind': enum('notApplicable', 'pass', 'fail', 'review', 'open',
                         'informational'),
            'level': LEVEL, 'message': ref('message'),
            'analysisTarget': ref('artifactLocation'),
            'locations': array(ref('location')), 'guid': STRING,
            'correlationGuid': STRING, 'occurrenceCount': minimum(1),
            'partialFingerprints': mapping(STRING),
            'fingerprints': mapping(STRING), 'stacks': ANY, 'codeFlows': ANY,
            'graphs': ANY, 'graphTraversals': ANY,
            'relatedLocations': array(ref('location'), unique=True),
            'suppressions': ANY,
            'baselineState': enum('new', 'unchanged', 'updated', 'absent'),
            'rank': ANY, 'attachments': ANY, 'hostedViewerUri': STRING,
            'workItemUris': ANY, 'provenance': ANY,
            'fixes': array(ref('fix'), unique=True), 'taxa': ANY,
            'webRequest': ANY, 'webResponse': ANY, 'properties': BAG,
        },
    },
    'location': {
        'properties': {
            'id': minimum(-1), 'physicalLocation': ref('physicalLocation'),
            'logicalLocations': ANY, 'message': ref('message'),
            'annotations': array(ref('region'), unique=True),
            'relationships': ANY, 'properties': BAG,
        },
    },
    'physicalLocation': {
        'any_of': [['address'], ['artifactLocation']],
        'properties': {
            'address': ANY, 'artifactLocation': ref('artifactLocation'),
            'region': ref('region'), 'contextRegion': ref('region'),
            'properties': BAG,
        },
    },
    'artifactLocation': {
        'properties': {
            'uri': STRING, 'uriBaseId': STRING, 'index': minimum(-1),
            'description': ref('message'), 'properties': BAG,
        },
    },
    'region': {
        'any_of': [['startLine'], ['charOffset'], ['byteOffset']],
        'properties': {
            'startLine': minimum(1), 'startColumn': minimum(1),
            'endLine': minimum(1), 'endColumn': minimum(1),
            'charOffset': minimum(-1), 'charLength': minimum(0),
            'byteOffset': minimum(-1), 'byteLength': minimum(0),
            'snippet': ref('artifactContent'), 'message': ref('message'),
            'sourceLanguage': STRING, 'properties': BAG,
        },
    },
    'artifactContent': {
        'properties': {
            'text': STRING, 'binary': STRING,
            'rendered': ref('multiformatMessageString'), 'properties': BAG,
        },
    },
    'fix': {
        'required': ['artifactChanges'],
        'properties': {
            'description': ref('message'),
            'artifactChanges': array(ref('artifactChange'), 1, unique=True),
            'properties': BAG,
        },
    },
    'artifactChange': {
        'required': ['artifactLocation', 'replacements'],
        'properties': {
            'artifactLocation': ref('artifactLocation'),
            'replacements': array(ref('replacement'), 1), 'properties': BAG,
        },
    },
    'replacement': {
        'required': ['deletedRegion'],
        'properties': {
            'deletedRegion': ref('region'),
            'insertedContent': ref('artifactContent'), 'properties': BAG,
        },
    },
    'invocation': {
        'required': ['executionSuccessful'],
        'properties': {
            'commandLine': STRING, 'arguments': array(STRING),
            'responseFiles': ANY, 'startTimeUtc': STRING, 'endTimeUtc': STRING,
            'exitCode': INTEGER, 'ruleConfigurationOverrides': ANY,
            'notificationConfigurationOverrides': ANY,
            'toolExecutionNotifications': array(ref('notification')),
            'toolConfigurationNotifications': array(ref('notification')),
            'exitCodeDescription': STRING, 'exitSignalName': STRING,
            'exitSignalNumber': INTEGER, 'processStartFailureMessage': STRING,
            'executionSuccessful': BOOLEAN, 'machine': STRING,
            'account': STRING, 'processId': INTEGER,
            'executableLocation': ref('artifactLocation'),
            'workingDirectory': ref('artifactLocation'),
            'environmentVariables': mapping(STRING),
            'stdin': ref('artifactLocation'), 'stdout': ref('artifactLocation'),
            'stderr': ref('artifactLocation'),
            'stdoutStderr': ref('artifactLocation'), 'properties': BAG,
        },
    },
    'notification': {
        'required': ['message'],
        'properties': {
            'locations': array(ref('location'), unique=True),
            'message': ref('message'), 'level': LEVEL, 'threadId': INTEGER,
            'timeUtc': STRING, 'exception': ANY, 'descriptor': ANY,
            'associatedRule': ANY, 'properties': BAG,
        },
    },
    'runAutomationDetails': {
        'properties': {
            'description': ref('message'), 'id': STRING, 'guid': STRING,
            'correlationGuid': STRING, 'properties': BAG,
        },
    },
    'propertyBag': {'open': True, 'properties': {'tags': array(STRING)}},
}


def _canonical(value):
    return json.dumps(value, sort_keys=True)


def _check(value, spec, path, errors):
    kind = spec[0]
    if kind == 'any':
        return
    if kind == 'ref':
        _check_object(value, spec[1], path, errors)
    elif kind == 'string':
        if not isinstance(value, str):
            errors.append(f'{path}: expected a string, got {value!r}')
        elif spec[1] is not None and value not in spec[1]:
            errors.append(f'{path}: {value!r} is not one of {list(spec[1])}')
    elif kind == 'integer':
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f'{path}: expected an integer, got {value!r}')
        elif spec[1] is not None and value < spec[1]:
            errors.append(f'{path}: {value} is below the minimum {spec[1]}')
    elif kind == 'boolean':
        if not isinstance(value, bool):
            errors.append(f'{path}: expected a boolean, got {value!r}')
    elif kind == 'array':
        _, item, min_items, unique = spec
        if not isinstance(value, list):
            errors.append(f'{path}: expected an array')
            return
        if len(value) < min_items:
            errors.append(f'{path}: needs at least {min_items} items')
        if unique and len({_canonical(v) for v in value}) != len(value):
            errors.append(f'{path}: items must be unique')
        for index, element in enumerate(value):
            _check(element, item, f'{path}[{index}]', errors)
    elif kind == 'map':
        if not isinstance(value, dict):
            errors.append(f'{path}: expected an object')
            return
        for key, element in value.items():
            _check(element, spec[1], f'{path}.{key}', errors)


def _check_object(value, name, path, errors):
    definition = DEFINITIONS[name]
    if not isinstance(value, dict):
        errors.append(f'{path}: expected a {name} object')
        return
    for key in definition.get('required', []):
        if key not in value:
            errors.append(f'{path}: {name} requires "{key}"')
    alternatives = definition.get('any_of')
    if alternatives and not any(all(k in value for k in keys)
                                for keys in alternatives):
        errors.append(f'{path}: {name} needs one of '
                      + ' or '.join('/'.join(keys) for keys in alternatives))
    properties = definition['properties']
    for key, element in value.items():
        if key in properties:
            _check(element, properties[key], f'{path}.{key}', errors)
        elif not definition.get('open'):
            errors.append(f'{path}: "{key}" is not a property of {name}')


def validate(log):
    """Every violation of the schema in the SARIF document `log`."""
    errors = []
    _check_object(log, 'sarifLog', '$', errors)
    return errors
