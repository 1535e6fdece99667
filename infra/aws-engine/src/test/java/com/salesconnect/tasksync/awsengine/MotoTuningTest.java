package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link MotoServer#TUNING} run by the python3 that starts moto, followed by checks of what it changed in that
 * interpreter (each check prints a line; a failed assertion exits non-zero with its message).
 */
class MotoTuningTest {

    @BeforeAll
    static void pythonImportsMoto() {
        assumeTrue(MotoServer.pythonImportsMoto(),
                "python3 cannot import moto.server here (MotoServer then runs the moto_server command untuned)");
    }

    @Test
    void motosListOfServiceFolders_isReadOnce_andIsTheSameList() {
        String output = python("""
                import moto.backends
                on_disk = list(moto.backends.list_of_moto_modules())
                """ + MotoServer.TUNING + """
                first = moto.backends.list_of_moto_modules()
                assert first is moto.backends.list_of_moto_modules(), 'the list is read again'
                assert list(first) == on_disk, 'not the list on the disk'
                assert 'dynamodb' in first and 'dynamodbstreams' in first and 'events' in first
                print('folders', len(first))
                """);
        assertThat(output).containsPattern("folders \\d{2,}");
    }

    @Test
    void werkzeugsAccessLog_isOff_itsWarningsAndErrorsStay() {
        // werkzeug writes its access lines (INFO) and its errors through the logger named "werkzeug", and sets that
        // logger to INFO at its first line unless a level is set already: so the level must be set, to WARNING
        String output = python(MotoServer.TUNING + """
                access = logging.getLogger('werkzeug')
                print('level', logging.getLevelName(access.level), 'info', access.isEnabledFor(logging.INFO),
                      'error', access.isEnabledFor(logging.ERROR))
                """);
        assertThat(output).contains("level WARNING info False error True");
    }

    @Test
    void theGarbageCollector_runsLessOften() {
        assertThat(python(MotoServer.TUNING + "print('thresholds', gc.get_threshold())\n"))
                .contains("thresholds (100000, 50, 100)");
    }

    @Test
    void motosRepliesOfItems_areSerializedAsBefore_byTheTunedWay() {
        // The same replies serialized by moto's stock serializer, then after TUNING: byte for byte the same, every
        // attribute type, nested maps and lists, binary values, an empty map, and a stream record's images
        String output = python("""
                from moto.core import serialize
                from moto.core.utils import get_service_model
                def item(i):
                    return {'pk': {'S': 'u#1'}, 'sk': {'S': 'task#%04d' % i}, 'n': {'N': str(i)},
                            'b': {'B': b'\\x00\\x01bin'}, 'yes': {'BOOL': True}, 'no': {'BOOL': False},
                            'nul': {'NULL': True}, 'ss': {'SS': ['a', 'b']}, 'ns': {'NS': ['1', '2.5']},
                            'bs': {'BS': [b'x', b'y']}, 'empty': {'M': {}},
                            'l': {'L': [{'S': 'x'}, {'N': '3'}, {'M': {'k': {'S': 'v'}}}, {'L': []}]},
                            'm': {'M': {'a': {'S': ''}, 'c': {'L': [{'BOOL': False}, {'NULL': True}]}}}}
                replies = [
                    ('dynamodb', 'GetItem', {'Item': item(1), 'ConsumedCapacity': {'TableName': 't',
                                                                                  'CapacityUnits': 0.5}}),
                    ('dynamodb', 'PutItem', {'Attributes': item(2)}),
                    ('dynamodb', 'BatchGetItem', {'Responses': {'t': [item(i) for i in range(5)]},
                                                  'UnprocessedKeys': {},
                                                  'ConsumedCapacity': [{'TableName': 't', 'CapacityUnits': 5.0}]}),
                    ('dynamodb', 'Query', {'Items': [item(i) for i in range(3)], 'Count': 3, 'ScannedCount': 3,
                                           'LastEvaluatedKey': {'pk': {'S': 'u#1'}, 'sk': {'S': 'task#0002'}}}),
                    ('dynamodb', 'UpdateItem', {'Attributes': {'n': {'N': '4'}}}),
                    ('dynamodbstreams', 'GetRecords', {'Records': [{
                        'eventID': 'e1', 'eventName': 'MODIFY', 'eventVersion': '1.1', 'eventSource': 'aws:dynamodb',
                        'awsRegion': 'us-east-1', 'dynamodb': {
                            'ApproximateCreationDateTime': 1796500000, 'Keys': {'pk': {'S': 'u#1'}},
                            'NewImage': item(7), 'OldImage': item(6), 'SequenceNumber': '100',
                            'SizeBytes': 300, 'StreamViewType': 'NEW_AND_OLD_IMAGES'}}],
                        'NextShardIterator': 'it-2'}),
                ]
                def serialized():
                    out = []
                    for service, operation, result in replies:
                        model = get_service_model(service).operation_model(operation)
                        serializer = serialize.get_serializer_class(service, 'json')(
                            operation_model=model, value_picker=serialize.XFormedAttributePicker())
                        out.append(serializer.serialize(result)['body'])
                    return out
                stock = serialized()
                """ + MotoServer.TUNING + """
                assert getattr(serialize.ResponseSerializer.get_value, 'tuned', False), 'serializer not tuned'
                tuned = serialized()
                assert tuned == stock, 'replies differ:\\n%s\\n%s' % (stock, tuned)
                assert serialized() == stock, 'second run differs'
                assert '"B": "AAFiaW4="' in stock[0] and '"LastEvaluatedKey"' in stock[3] and '"OldImage"' in stock[5]
                print('replies', len(tuned), 'the same')
                """);
        assertThat(output).contains("replies 6 the same");
    }

    @Test
    void motosActionLookup_andConditionLexing_areRememberedAndAnswerAsBefore() {
        // Conditional writes through moto in this interpreter (boto3 against moto's in-process mock): every outcome
        // (written, condition failed, an invalid expression's error, a name or value left unused) the same before
        // TUNING and twice after it, the second time from the tokens and trees the tuned parser remembered
        String output = python("""
                import boto3
                from moto import mock_aws
                import moto.core.responses as responses
                from moto.dynamodb.responses import DynamoHandler
                from moto.dynamodb.comparisons import ConditionExpressionParser
                names_before = responses.method_names_from_class(DynamoHandler)
                stock_lexer = ConditionExpressionParser._lex_condition_expression
                stock_parse = ConditionExpressionParser.parse
                cases = [
                    ('attribute_not_exists(#pk)', {'#pk': 'pk'}, {}),
                    ('attribute_exists(#pk)', {'#pk': 'pk'}, {}),
                    ('attribute_exists(#pk)', {'#pk': 'pk', '#unused': 'x'}, {}),
                    ('#v = :v', {'#v': 'version'}, {':v': {'N': '3'}, ':unused': {'S': 'x'}}),
                    ('#v = :v AND (#s IN (:a, :b) OR begins_with(#t, :p))',
                     {'#v': 'version', '#s': 'state', '#t': 'title'},
                     {':v': {'N': '3'}, ':a': {'S': 'A'}, ':b': {'S': 'B'}, ':p': {'S': 'x'}}),
                    ('#v = :v', {'#v': 'version'}, {':v': {'N': '4'}}),
                    ('size(#l) > :n AND #m.#k[1] <> :x', {'#l': 'l', '#m': 'm', '#k': 'k'},
                     {':n': {'N': '2'}, ':x': {'S': 'y'}}),
                    ('NOT attribute_exists(#a) OR #n BETWEEN :lo AND :hi', {'#a': 'a', '#n': 'n'},
                     {':lo': {'N': '1'}, ':hi': {'N': '9'}}),
                    ('attribute_type(#a, :t) AND contains(#ss, :e)', {'#a': 'a', '#ss': 'ss'},
                     {':t': {'S': 'S'}, ':e': {'S': 'e'}}),
                    ('#v = = :v', {'#v': 'version'}, {':v': {'N': '3'}}),
                    ('#v == :v', {'#v': 'version'}, {':v': {'N': '3'}}),
                ]
                seed = {'pk': {'S': '1'}, 'version': {'N': '3'}, 'state': {'S': 'A'}, 'title': {'S': 'xyz'},
                        'l': {'L': [{'N': '1'}, {'N': '2'}, {'N': '3'}]},
                        'm': {'M': {'k': {'L': [{'S': 'a'}, {'S': 'b'}]}}}, 'n': {'N': '5'}, 'a': {'S': 's'},
                        'ss': {'SS': ['e', 'f']}}
                def outcomes():
                    out = []
                    with mock_aws():
                        db = boto3.client('dynamodb', region_name='us-east-1', aws_access_key_id='k',
                                          aws_secret_access_key='s')
                        db.create_table(TableName='t', KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                                        AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                                        BillingMode='PAY_PER_REQUEST')
                        for expression, names, values in cases:
                            for write in ('put', 'update'):
                                db.put_item(TableName='t', Item=seed)
                                extra = {'ExpressionAttributeValues': values} if values else {}
                                try:
                                    if write == 'put':
                                        db.put_item(TableName='t', Item=dict(seed, n={'N': '6'}),
                                                    ConditionExpression=expression,
                                                    ExpressionAttributeNames=names, **extra)
                                    else:
                                        db.update_item(TableName='t', Key={'pk': {'S': '1'}},
                                                       UpdateExpression='SET #z = :z',
                                                       ConditionExpression=expression,
                                                       ExpressionAttributeNames=dict(names, **{'#z': 'z'}),
                                                       ExpressionAttributeValues=dict(values, **{':z': {'N': '1'}}))
                                    out.append('written')
                                except db.exceptions.ClientError as e:
                                    out.append(e.response['Error']['Code'] + ': ' + e.response['Error']['Message'])
                                except ValueError as e:  # moto lets some invalid expressions out as they are
                                    out.append('ValueError: %s' % e)
                    return out
                stock = outcomes()
                """ + MotoServer.TUNING + """
                assert responses.method_names_from_class(DynamoHandler) == names_before
                assert responses.method_names_from_class(DynamoHandler) is \\
                       responses.method_names_from_class(DynamoHandler), 'action names not remembered'
                assert ConditionExpressionParser._lex_condition_expression is not stock_lexer, 'lexer not tuned'
                assert ConditionExpressionParser.parse is not stock_parse, 'parse not tuned'
                tuned, again = outcomes(), outcomes()
                assert tuned == stock and again == stock, 'outcomes differ:\\n%s\\n%s\\n%s' % (stock, tuned, again)
                assert stock.count('written') >= 6 and any('ConditionalCheckFailed' in o for o in stock) \\
                       and any('Bad comparison' in o for o in stock) \\
                       and any('unused in expressions' in o for o in stock), stock
                print('conditions', len(stock), 'outcomes the same')
                """);
        assertThat(output).contains("conditions 22 outcomes the same");
    }

    @Test
    void motosRecordOfEveryObjectItMade_isLeftOff_soOverwrittenItemsAreFreed() {
        // 50 keys written 10 times each (puts and updates) and read: before TUNING every item version moto made stays
        // on its class's list; after it, the items alive are about those stored, and S3's models still keep theirs
        String output = python("""
                import gc, boto3
                from moto import mock_aws
                from moto.dynamodb.models.dynamo_type import Item
                def write_and_count():
                    with mock_aws():
                        db = boto3.client('dynamodb', region_name='us-east-1', aws_access_key_id='k',
                                          aws_secret_access_key='s')
                        db.create_table(TableName='t', KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                                        AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                                        BillingMode='PAY_PER_REQUEST')
                        for round in range(5):
                            for k in range(50):
                                key = {'pk': {'S': 'k%d' % k}}
                                db.put_item(TableName='t', Item=dict(key, n={'N': str(round)}))
                                db.update_item(TableName='t', Key=key, UpdateExpression='SET m = :m',
                                               ExpressionAttributeValues={':m': {'N': str(round)}})
                                assert db.get_item(TableName='t', Key=key)['Item']['m'] == {'N': str(round)}
                        assert db.scan(TableName='t')['Count'] == 50
                        gc.collect()
                        alive = sum(1 for o in gc.get_objects() if type(o) is Item)
                        tracked = len(Item.instances_tracked)
                        s3 = boto3.client('s3', region_name='us-east-1', aws_access_key_id='k',
                                          aws_secret_access_key='s')
                        s3.create_bucket(Bucket='tuning-check')
                        s3.put_object(Bucket='tuning-check', Key='o', Body=b'x')
                        from moto.s3.models import FakeKey
                        keys = len(FakeKey.instances_tracked)
                    return alive, tracked, keys
                stock = write_and_count()
                assert stock[0] >= 500 and stock[1] >= 500 and stock[2] >= 1, stock
                """ + MotoServer.TUNING + """
                from moto.core.common_models import BaseModel
                assert getattr(BaseModel.__new__, 'tuned', False), 'BaseModel not tuned'
                Item.instances_tracked.clear()
                alive, tracked, keys = write_and_count()
                assert tracked == 0, 'items still recorded: %d' % tracked
                assert alive <= 60, 'items alive: %d' % alive
                assert keys >= 1, 'S3 keys no longer recorded'
                print('items alive', stock[0], 'then', alive)
                """);
        assertThat(output).containsPattern("items alive \\d{3,} then [1-6]?\\d\\b");
    }

    private static String python(String program) {
        Executables.Result result = Executables.run(List.of("python3", "-c", program), 120);
        assertThat(result.exitCode()).as("python3 -c exited with: %s", result.output()).isZero();
        return result.output();
    }
}
