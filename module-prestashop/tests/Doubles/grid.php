<?php
/**
 * Doubles of the Customers grid's definition and of the Doctrine DBAL
 * QueryBuilder PrestaShop 8.1's CustomerQueryBuilder hands to
 * actionCustomerGridQueryBuilderModifier. The query builder double writes
 * the SQL and runs it on the test database with its named parameters, so
 * the tests check what the hook's joins and filter really select.
 */

namespace PrestaShop\Module\Segment\Tests\Doubles;

final class ColumnCollection
{
    public array $ids = [];
    public array $columns = [];

    public function __construct(array $ids)
    {
        $this->ids = $ids;
    }

    public function add($column)
    {
        $this->ids[] = $column->getId();
        $this->columns[$column->getId()] = $column;

        return $this;
    }

    public function addAfter($id, $newColumn)
    {
        $at = array_search($id, $this->ids, true);
        if ($at === false) {
            throw new \RuntimeException("no column $id");
        }
        array_splice($this->ids, $at + 1, 0, [$newColumn->getId()]);
        $this->columns[$newColumn->getId()] = $newColumn;

        return $this;
    }
}

final class FilterCollection
{
    public array $filters = [];

    public function add($filter)
    {
        $this->filters[$filter->getName()] = $filter;

        return $this;
    }
}

final class GridDefinition
{
    public ColumnCollection $columns;
    public FilterCollection $filters;

    public function __construct()
    {
        $this->columns = new ColumnCollection(['bulk', 'id_customer', 'social_title', 'firstname', 'lastname', 'email', 'total_spent', 'active']);
        $this->filters = new FilterCollection();
    }

    public function getId()
    {
        return 'customer';
    }

    public function getColumns()
    {
        return $this->columns;
    }

    public function getFilters()
    {
        return $this->filters;
    }
}

final class SearchCriteria
{
    public function __construct(private array $filters)
    {
    }

    public function getFilters()
    {
        return $this->filters;
    }
}

final class QueryBuilder
{
    private array $select = [];
    private string $from;
    private array $joins = [];
    private array $where = [];
    private array $params = [];

    public function __construct(private \PDO $pdo, string $select, string $from)
    {
        $this->select = [$select];
        $this->from = $from;
    }

    public function addSelect($select = null)
    {
        $this->select[] = $select;

        return $this;
    }

    public function leftJoin($fromAlias, $join, $alias, $condition = null)
    {
        $this->joins[] = "LEFT JOIN $join $alias ON $condition";

        return $this;
    }

    public function andWhere($where)
    {
        $this->where[] = $where;

        return $this;
    }

    public function setParameter($key, $value, $type = null)
    {
        $this->params[$key] = $value;

        return $this;
    }

    public function getSQL()
    {
        return 'SELECT ' . implode(', ', $this->select) . ' FROM ' . $this->from . ' ' . implode(' ', $this->joins)
            . ($this->where ? ' WHERE ' . implode(' AND ', $this->where) : '') . ' ORDER BY 1';
    }

    public function getParameters()
    {
        return $this->params;
    }

    public function run(): array
    {
        $stmt = $this->pdo->prepare($this->getSQL());
        $stmt->execute($this->params);

        return $stmt->fetchAll(\PDO::FETCH_ASSOC);
    }
}
